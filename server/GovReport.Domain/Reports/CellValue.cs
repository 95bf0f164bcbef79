using System.Globalization;
using System.Text;

namespace GovReport.Domain.Reports;

/// <summary>How a cell was filled.</summary>
public enum CellState : byte
{
    /// <summary>Empty, "—", "-", "/", "无": blank is not zero (counted as 0 by the sums, reported as a warning).</summary>
    Blank = 0,

    /// <summary>A number (possibly with a unit or a counter word such as "1个").</summary>
    Number = 1,

    /// <summary>Text that is not a number; counted as 0 and reported as an error.</summary>
    Unreadable = 2,
}

/// <summary>The value of one report cell. Small, immutable, stored in a dense array indexed by CellId.</summary>
public readonly struct CellValue : IEquatable<CellValue>
{
    private static readonly string[] BlankMarkers = ["", "—", "——", "-", "--", "－", "/", "／", "无", "空", "\\", "─"];
    private static readonly string[] KnownUnits = ["万元", "元", "亿元", "件", "个", "项", "条", "次", "宗", "份"];

    private CellValue(CellState state, decimal value, string? originalText, string? unit)
    {
        State = state;
        Value = value;
        OriginalText = originalText;
        Unit = unit;
    }

    public CellState State { get; }

    /// <summary>The number; 0 unless State is Number.</summary>
    public decimal Value { get; }

    /// <summary>The text the report had when it was not a plain number ("—", "1个", "251000元"); null otherwise.</summary>
    public string? OriginalText { get; }

    /// <summary>The unit written in the cell ("万元", "元"), if any.</summary>
    public string? Unit { get; }

    public bool IsBlank => State == CellState.Blank;

    public bool IsPresent => State != CellState.Blank;

    public static CellValue Blank(string? originalText = null) =>
        new(CellState.Blank, 0m, string.IsNullOrEmpty(originalText) ? null : originalText, null);

    public static CellValue Number(decimal value, string? originalText = null, string? unit = null) =>
        new(CellState.Number, value, originalText, string.IsNullOrEmpty(unit) ? null : unit);

    public static CellValue Unreadable(string originalText) => new(CellState.Unreadable, 0m, originalText, null);

    public static implicit operator CellValue(int value) => Number(value);

    public static implicit operator CellValue(decimal value) => Number(value);

    /// <summary>
    /// Reads a cell as printed in a report: NFKC-normalises, recognises blank markers, a number with an optional
    /// unit or counter word ("1个", "251000元", "12.5万元"), and keeps anything else as Unreadable.
    /// </summary>
    public static CellValue Parse(string? text)
    {
        if (text is null)
        {
            return Blank();
        }

        var trimmed = text.Trim();
        var normalized = trimmed.Normalize(NormalizationForm.FormKC).Replace(" ", string.Empty, StringComparison.Ordinal)
            .Replace(",", string.Empty, StringComparison.Ordinal);
        if (Array.IndexOf(BlankMarkers, normalized) >= 0)
        {
            return Blank(trimmed);
        }

        if (decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var plain))
        {
            return Number(plain, normalized == trimmed ? null : trimmed);
        }

        foreach (var unit in KnownUnits)
        {
            if (normalized.Length > unit.Length && normalized.EndsWith(unit, StringComparison.Ordinal)
                && decimal.TryParse(normalized.AsSpan(0, normalized.Length - unit.Length), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var withUnit))
            {
                var isMoney = unit.EndsWith('元');
                return Number(withUnit, trimmed, isMoney ? unit : null);
            }
        }

        return Unreadable(trimmed);
    }

    public bool Equals(CellValue other) =>
        State == other.State && Value == other.Value && OriginalText == other.OriginalText && Unit == other.Unit;

    public override bool Equals(object? obj) => obj is CellValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(State, Value, OriginalText, Unit);

    public static bool operator ==(CellValue left, CellValue right) => left.Equals(right);

    public static bool operator !=(CellValue left, CellValue right) => !left.Equals(right);

    /// <summary>Canonical text: the invariant decimal for numbers, the original text otherwise.</summary>
    public override string ToString() => State switch
    {
        CellState.Number => Value.ToString(CultureInfo.InvariantCulture),
        _ => OriginalText ?? string.Empty,
    };
}

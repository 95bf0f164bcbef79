using System.Globalization;
using GovReport.Domain.Reports;

namespace GovReport.Import.Internal;

/// <summary>Cell text → CellValue, with a fast path for plain digits (most cells) that gives what CellValue.Parse gives.</summary>
internal static class Cells
{
    public static CellValue Parse(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length is > 0 and <= 20)
        {
            var digits = true;
            foreach (var ch in trimmed)
            {
                if (!char.IsAsciiDigit(ch) && ch != '.')
                {
                    digits = false;
                    break;
                }
            }

            if (digits && decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return CellValue.Number(value);
            }
        }

        return CellValue.Parse(text);
    }
}

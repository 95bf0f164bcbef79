namespace GovReport.Domain.Templates;

/// <summary>The national annual-report formats.</summary>
public enum TemplateId
{
    /// <summary>国办公开办函〔2019〕60号, report years 2019–2020.</summary>
    Template2019 = 1,

    /// <summary>国办公开办函〔2021〕30号, report years 2021 onward.</summary>
    Template2021 = 2,
}

/// <summary>The six parts of a report, in template order.</summary>
public enum PartCode
{
    Overview = 0,
    ActiveDisclosure = 1,
    Applications = 2,
    ReviewsLitigation = 3,
    Problems = 4,
    OtherMatters = 5,
}

/// <summary>What a cell may hold.</summary>
public enum CellKind
{
    /// <summary>An integer ≥ 0 (件, 项).</summary>
    Count = 0,

    /// <summary>A signed integer (2019 本年增/减).</summary>
    SignedCount = 1,

    /// <summary>A decimal amount ≥ 0 (money).</summary>
    Amount = 2,
}

/// <summary>Dense index of a cell inside one template (0 … CellCount−1), usable as an array index.</summary>
public readonly record struct CellId(int Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

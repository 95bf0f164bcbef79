using System.Globalization;
using System.Text;
using GovReport.Domain.Reports;

namespace GovReport.Import.Tests.Support;

/// <summary>A stable text form of a Report (and its notes) for whole-report comparisons.</summary>
public static class ReportCanonicalForm
{
    public static string Of(ImportResult result)
    {
        var report = result.Report;
        var builder = new StringBuilder();
        builder.Append("agency=").Append(report.AgencyName).Append('\n');
        builder.Append("kind=").Append(report.AgencyKind).Append('\n');
        builder.Append("year=").Append(report.Year.ToString(CultureInfo.InvariantCulture)).Append('\n');
        builder.Append("template=").Append(report.Template.Name).Append('\n');
        builder.Append("date=").Append(report.PublicationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        foreach (var part in report.Parts)
        {
            builder.Append("part ").Append(part.Order.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(part.Code?.ToString() ?? "extra").Append(" [").Append(part.Heading).Append("]\n").Append(part.Text).Append('\n');
        }

        foreach (var table in report.ExtraTables)
        {
            builder.Append("extra-table ").Append(table.Kind).Append(' ').Append(table.Title).Append(" in part ")
                .Append(table.PartOrder.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        var cells = report.Cells;
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i];
            builder.Append(report.Template.Cells[i].Address).Append('=').Append(cell.State).Append(':')
                .Append(cell.Value.ToString(CultureInfo.InvariantCulture)).Append(':').Append(cell.Unit).Append(':')
                .Append(cell.OriginalText).Append('\n');
        }

        foreach (var note in result.Notes)
        {
            builder.Append("note ").Append(note.Code).Append(' ').Append(note.Message).Append('\n');
        }

        return builder.ToString();
    }
}

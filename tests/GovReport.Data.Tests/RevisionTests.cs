using Microsoft.EntityFrameworkCore;

namespace GovReport.Data.Tests;

/// <summary>
/// Revisions are stored as deltas (what a save changed) with a full record every 32nd revision; every revision
/// must still rebuild to exactly the content that was saved.
/// </summary>
public class RevisionTests
{
    [Fact]
    public async Task GetRevisionAsync_SeventyDeltaSaves_EveryRevisionRebuildsExactly()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var saved = new List<ReportContent> { Content.Sample() };
        var snapshot = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, saved[0]);

        for (var i = 1; i < 70; i++)
        {
            var next = Mutate(saved[^1], i);
            saved.Add(next);
            snapshot = await stores.Reports.UpdateAsync(world.OfficeClerk, snapshot.Summary.Id, snapshot.Summary.Etag, next);
        }

        for (var number = 1; number <= saved.Count; number++)
        {
            var rebuilt = await stores.Reports.GetRevisionAsync(world.OfficeClerk, snapshot.Summary.Id, number);
            Assert.Equal(Describe(saved[number - 1]), Describe(rebuilt));
        }

        // Full records at 1, 33 and 65; every other revision holds only its changes.
        var full = await stores.Db.ReportRevisions.AsNoTracking()
            .Where(r => r.ReportId == snapshot.Summary.Id && !r.SnapshotJson.Contains("\"delta\":true"))
            .Select(r => r.Number).OrderBy(n => n).ToListAsync();
        Assert.Equal([1, 33, 65], full);
        var diff = await stores.Reports.CompareRevisionsAsync(world.OfficeClerk, snapshot.Summary.Id, 31, 35);
        var natural = diff.Cells.Single(c => c.Address == "applications.new_received.natural_person");
        Assert.Equal((ChangeKind.Changed, 30m, 34m), (natural.Kind, natural.Before!.Value!.Value, natural.After!.Value!.Value));
    }

    [Fact]
    public async Task GetRevisionAsync_UnchangedSave_StoresEmptyDeltaAndRebuilds()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var created = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample());

        var same = await stores.Reports.UpdateAsync(world.OfficeClerk, created.Summary.Id, created.Summary.Etag, Content.Sample());

        Assert.Equal(2, same.Summary.Revision);
        var diff = await stores.Reports.CompareRevisionsAsync(world.OfficeClerk, created.Summary.Id, 1, 2);
        Assert.Empty(diff.Cells);
        Assert.Empty(diff.Parts);
        Assert.Equal(Describe(Content.Sample()), Describe(await stores.Reports.GetRevisionAsync(world.OfficeClerk, created.Summary.Id, 2)));
    }

    /// <summary>Save i: changes one value, adds a cell, every third save removes the oldest added cell, and edits or drops parts.</summary>
    private static ReportContent Mutate(ReportContent previous, int i)
    {
        var cells = previous.Cells.ToDictionary(c => c.Address, StringComparer.Ordinal);
        cells["applications.new_received.natural_person"] = new StoredCell("applications.new_received.natural_person", true, i);
        var added = $"applications.new_received.other_{i % 7}";
        cells[added] = new StoredCell(added, true, i * 1.5m, (i * 1.5m).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (i % 3 == 0)
        {
            cells.Remove($"applications.new_received.other_{(i + 1) % 7}");
        }

        var parts = new Dictionary<string, string>(previous.Parts, StringComparer.Ordinal);
        if (i % 5 == 0)
        {
            parts.Remove("problems");
        }
        else
        {
            parts["problems"] = $"第 {i} 次修改的问题说明。";
        }

        if (i % 4 == 0)
        {
            parts["extra.1"] = $"其他需要报告的事项\n第 {i} 次";
        }

        return previous with
        {
            Cells = [.. cells.Values],
            Parts = parts,
            PublicationDate = new DateOnly(2026, 1, 1 + (i % 28)),
            WarningCount = i % 2,
        };
    }

    private static List<string> Describe(ReportContent content) =>
    [
        content.Template,
        content.PublicationDate?.ToString("O") ?? "-",
        $"{content.ErrorCount}/{content.WarningCount}",
        .. content.Cells.OrderBy(c => c.Address, StringComparer.Ordinal)
            .Select(c => $"{c.Address}={c.Present}|{c.Value}|{c.OriginalText}|{c.Unit}"),
        .. content.Parts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{p.Value}"),
    ];
}

using GovReport.Api.V1;
using GovReport.Client.Tui;
using GovReport.Client.Tui.Internal;

namespace GovReport.Client.Tests.Tui;

/// <summary>The editor's change tracking: what a save sends (field mask) and what "overwrite" re-applies after a conflict.</summary>
public sealed class ReportDraftTests
{
    private const string A = "applications.granted.natural_person";
    private const string B = "applications.granted.commercial";
    private const string C = "applications.results_total.natural_person";

    private static readonly ReportTemplate Template = new()
    {
        Template = Api.V1.Template._2021,
        Parts = { new TemplatePart { Code = "overview", Number = "一", Title = "总体情况", Heading = "一、总体情况" } },
    };

    private static Report Stored(int revision, params (string Address, string Value)[] cells)
    {
        var report = new Report { Name = "agencies/2/reports/2020", Etag = "e" + revision, Revision = revision, ReportYear = 2020 };
        report.Cells.AddRange(cells.Select(c => new Cell { Address = c.Address, Present = true, Value = c.Value }));
        report.Parts.Add(new ReportPart { Code = "overview", Text = "原文" });
        return report;
    }

    [Fact]
    public void ChangedPaths_CellAndDate_AreTheMaskAndSettingBackClearsThem()
    {
        var draft = new ReportDraft(Stored(1, (A, "11")), Template);
        Assert.False(draft.Modified);
        Assert.Empty(draft.ChangedPaths());

        draft.SetValue(A, 12);
        draft.SetPublicationDate("2021-01-25");
        Assert.True(draft.Modified);
        Assert.Equal([ClientSession.CellMaskPath(A), "publication_date"], draft.ChangedPaths());
        Assert.Equal([A], draft.ChangedCells());

        draft.SetValue(A, 11);
        draft.SetPublicationDate(string.Empty);
        Assert.False(draft.Modified);
    }

    [Fact]
    public void ToUpdateRequest_OneCellChangedOneCleared_SendsOnlyTheChangedCellAndMasksBoth()
    {
        var draft = new ReportDraft(Stored(3, (A, "11"), (B, "1"), (C, "18")), Template);
        draft.SetValue(A, 12);
        draft.SetBlank(C);

        var request = draft.ToUpdateRequest();

        Assert.Equal("agencies/2/reports/2020", request.Report.Name);
        Assert.Equal("e3", request.Report.Etag);
        Assert.Equal([ClientSession.CellMaskPath(A), ClientSession.CellMaskPath(C)], request.UpdateMask.Paths);
        Assert.Equal([A, C], request.Report.Cells.Select(c => c.Address));
        Assert.False(request.Report.Cells[1].Present);
        Assert.Empty(request.Report.Parts);
    }

    [Fact]
    public void ChangedCells_MissingCellSetBlank_IsNoChange()
    {
        var draft = new ReportDraft(Stored(1), Template);

        draft.SetBlank(B);

        Assert.Empty(draft.ChangedCells());
        Assert.False(draft.Modified);
    }

    [Fact]
    public void Rebase_ServerChangedOtherCell_KeepsTheirsAndReappliesMine()
    {
        var draft = new ReportDraft(Stored(1, (A, "11"), (B, "1"), (C, "18")), Template);
        draft.SetValue(C, 17);
        draft.SetNarrative("overview", "我的正文");

        draft.Rebase(Stored(2, (A, "11"), (B, "5"), (C, "18")));

        Assert.Equal("e2", draft.Etag);
        Assert.Equal(2, draft.Revision);
        Assert.Equal(5m, draft.Value(B));
        Assert.Equal(17m, draft.Value(C));
        Assert.Equal("我的正文", draft.Narrative("overview"));
        Assert.Equal([ClientSession.CellMaskPath(C), "parts"], draft.ChangedPaths());
        Assert.Equal([C], draft.ChangedCells());
    }

    [Fact]
    public void Load_StoredVersion_DropsLocalChanges()
    {
        var draft = new ReportDraft(Stored(1, (A, "11")), Template);
        draft.SetValue(A, 3);

        draft.Load(Stored(2, (A, "9")));

        Assert.False(draft.Modified);
        Assert.Equal(9m, draft.Value(A));
        Assert.Equal(2, draft.Revision);
    }
}

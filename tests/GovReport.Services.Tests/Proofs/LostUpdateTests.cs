using System.Globalization;
using GovReport.Api.V1;
using GovReport.Grpc;
using GovReport.Services.Tests.Proofs.Internal;

namespace GovReport.Services.Tests.Proofs;

/// <summary>
/// Issue 4 "Lost updates": two clients (separate channels) update the same report with the same etag at the
/// same moment, round after round. Each changes a different cell, so a silent merge would show as both
/// changes being present: exactly one must win, the other get ABORTED, and the stored cells equal the winner's.
/// </summary>
public sealed class LostUpdateTests(ProofServerFixture server) : IClassFixture<ProofServerFixture>
{
    private const int Rounds = 40;
    private const string CellA = "applications.new_received.natural_person";
    private const string CellB = "applications.new_received.commercial";

    [Fact]
    public async Task UpdateReport_TwoClientsSameEtag_OneWinsOtherAbortedNothingMerged()
    {
        var factory = new ProofWorldFactory(server);
        var root = await factory.RootAgencyAsync();
        var agency = await server.Admin.CreateAgencyAsync(root, "并发测试局", AgencyKind.Department);
        var (_, clerkToken) = await server.Admin.CreateUserWithTokenAsync("lost-update-clerk", GovReport.Api.V1.Role.Clerk, agency.Name);
        var created = await server.Client(clerkToken).CreateReportAsync(agency.Name, await factory.SeedReportAsync());
        using var channelA = GrpcChannel.ForAddress(server.Address);
        using var channelB = GrpcChannel.ForAddress(server.Address);
        var clients = new[] { new ProofClient(channelA, clerkToken), new ProofClient(channelB, clerkToken) };
        var cells = new[] { CellA, CellB };
        var wins = new int[2];

        for (var round = 1; round <= Rounds; round++)
        {
            var current = await clients[0].GetReportAsync(created.Name);
            var attempts = new Report[2];
            for (var i = 0; i < 2; i++)
            {
                attempts[i] = current.Clone();
                SetCell(attempts[i], cells[i], (round * 10) + i + 1);
            }

            using var start = new SemaphoreSlim(0, 2);
            var calls = Enumerable.Range(0, 2).Select(async i =>
            {
                await start.WaitAsync();
                return await Outcome(clients[i].UpdateReportAsync(attempts[i], "cells"));
            }).ToArray();
            start.Release(2);
            var results = await Task.WhenAll(calls);

            var winners = Enumerable.Range(0, 2).Where(i => results[i].Report is not null).ToArray();
            Assert.True(winners.Length == 1, $"round {round}: expected exactly one winner, got {winners.Length} ({results[0].Error}; {results[1].Error})");
            var winner = winners[0];
            var loser = 1 - winner;
            wins[winner]++;
            Assert.Equal(StatusCode.Aborted, results[loser].Error?.Status.StatusCode);
            Assert.Equal("ETAG_MISMATCH", results[loser].Error!.GetDetail<Google.Rpc.ErrorInfo>()?.Type);

            var stored = await clients[loser].GetReportAsync(created.Name);
            Assert.Equal(results[winner].Report!.Etag, stored.Etag);
            Assert.NotEqual(current.Etag, stored.Etag);
            Assert.Equal(Values(attempts[winner]), Values(stored));
            // Not merged: the loser's cell still holds what it held before the round.
            Assert.Equal(Value(current, cells[loser]), Value(stored, cells[loser]));
        }

        // Both clients won some rounds on a fair scheduler; what matters is that every round had one winner.
        Assert.Equal(Rounds, wins[0] + wins[1]);
        var revisions = await clients[0].CallAsync<ListReportRevisionsRequest, ListReportRevisionsResponse>("ReportService", "ListReportRevisions",
            new ListReportRevisionsRequest { Name = created.Name });
        Assert.Equal(Rounds + 1, revisions.Revisions.Count);
        Assert.True((await server.Admin.VerifyAuditAsync()).Ok);
    }

    private static async Task<(Report? Report, RpcException? Error)> Outcome(Task<Report> call)
    {
        try
        {
            return (await call, null);
        }
        catch (RpcException e)
        {
            return (null, e);
        }
    }

    private static void SetCell(Report report, string address, int value)
    {
        var cell = report.CellAt(address);
        cell.Present = true;
        cell.Value = value.ToString(CultureInfo.InvariantCulture);
        cell.OriginalText = cell.Value;
    }

    private static string Value(Report report, string address) => report.CellAt(address).Value;

    private static Dictionary<string, string> Values(Report report) =>
        report.Cells.ToDictionary(c => c.Address, c => c.Present ? c.Value : "<blank>");
}

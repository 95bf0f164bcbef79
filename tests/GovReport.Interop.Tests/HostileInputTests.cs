using System.Text;
using Google.Protobuf;
using GovReport.Api.Testing.V1;
using GovReport.Interop.Tests.Internal;
using Xunit.Abstractions;

namespace GovReport.Interop.Tests;

/// <summary>A server of its own for hostile input, so a crash here cannot hide behind (or break) the peer tests.</summary>
public sealed class HostileServerFixture : IAsyncLifetime
{
    private ServerProcess? _server;

    internal ServerProcess Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _server = await ServerProcess.StartPlainAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>
/// Input no well-behaved client sends, over a raw HTTP/2 socket. Each test asserts the status the gRPC protocol
/// requires and then that the server survived: process alive, a new connection gets Health/Check SERVING, and peak
/// RSS (VmHWM) stays bounded.
/// </summary>
public sealed class HostileInputTests(HostileServerFixture fixture, ITestOutputHelper output) : IClassFixture<HostileServerFixture>
{
    private const string EchoPath = "/govreport.testing.v1.EchoService/Echo";
    private const long PeakRssLimitKiB = 400 * 1024;
    private const int Internal = 13, ResourceExhausted = 8, DeadlineExceeded = 4;
    private const uint RefusedStream = 0x7, Cancel = 0x8, ProtocolError = 0x1, FrameSizeError = 0x6;

    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task LengthPrefix0xFFFFFFFF_ResourceExhaustedWithoutAllocating()
    {
        await using var connection = await RawHttp2Connection.ConnectAsync(Server.Port);
        var stream = await connection.SendRequestHeadersAsync(EchoPath);
        // Claims a 4 GiB message, then sends a few bytes and keeps the stream open.
        await connection.SendDataAsync(stream.Id, new byte[] { 0, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3 }, endStream: false);
        await stream.Ended.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(stream.GrpcStatus == ResourceExhausted, stream.ToString());
        await AssertServerHealthyAsync();
    }

    [Fact]
    public async Task CompressedFlagWithoutGrpcEncoding_Internal()
    {
        await using var connection = await RawHttp2Connection.ConnectAsync(Server.Port);
        var message = new EchoRequest { Text = "x" }.ToByteArray();
        var stream = await connection.SendRequestHeadersAsync(EchoPath);
        await connection.SendDataAsync(stream.Id, RawHttp2Connection.GrpcFrame(message, compressed: true), endStream: true);
        await stream.Ended.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(stream.GrpcStatus == Internal, stream.ToString());
        await AssertServerHealthyAsync();
    }

    [Fact]
    public async Task GarbageProtobuf_Internal()
    {
        await using var connection = await RawHttp2Connection.ConnectAsync(Server.Port);
        // 0xFF...: field 31 with wire type 7, which does not exist.
        var stream = await connection.UnaryAsync(EchoPath, [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]);
        Assert.True(stream.GrpcStatus == Internal, stream.ToString());
        await AssertServerHealthyAsync();
    }

    [Fact]
    public async Task MessageShorterThanPrefixAtEndOfStream_Internal()
    {
        await using var connection = await RawHttp2Connection.ConnectAsync(Server.Port);
        var stream = await connection.SendRequestHeadersAsync(EchoPath);
        var truncated = new byte[] { 0, 0, 0, 0, 100, 0x0A, 0x02, (byte)'h', (byte)'i' };
        await connection.SendDataAsync(stream.Id, truncated, endStream: true);
        await stream.Ended.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(stream.GrpcStatus == Internal, stream.ToString());
        await AssertServerHealthyAsync();
    }

    [Fact]
    public async Task GrpcTimeoutHeader_ServerEndsCallItself_DeadlineExceeded()
    {
        // A raw client has no timer of its own: DEADLINE_EXCEEDED can only come from the server.
        await using var connection = await RawHttp2Connection.ConnectAsync(Server.Port);
        var stream = await connection.SendRequestHeadersAsync(EchoPath, false, ("grpc-timeout", "200m"));
        await connection.SendDataAsync(stream.Id, RawHttp2Connection.GrpcFrame(new EchoRequest { Text = "slow", DelayMs = 10_000 }.ToByteArray()), endStream: true);
        await stream.Ended.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(stream.GrpcStatus == DeadlineExceeded, stream.ToString());
        await AssertServerHealthyAsync();
    }

    [Fact]
    public async Task TruncatedFrameThenDisconnect_ServerSurvives()
    {
        var connection = await RawHttp2Connection.ConnectAsync(Server.Port);
        var stream = await connection.SendRequestHeadersAsync(EchoPath);
        // A DATA frame header announcing 1000 bytes, followed by only 10 of them, then the socket goes away.
        await connection.WriteRawAsync(new byte[] { 0, 0x03, 0xE8, RawHttp2Connection.Data, 0, 0, 0, 0, (byte)stream.Id });
        await connection.WriteRawAsync(new byte[10]);
        connection.Abort();
        await connection.DisposeAsync();
        await AssertServerHealthyAsync();
    }

    [Fact]
    public async Task OversizedFrameHeader_ConnectionErrorGoAway()
    {
        await using var connection = await RawHttp2Connection.ConnectAsync(Server.Port);
        var stream = await connection.SendRequestHeadersAsync(EchoPath);
        // 16 MiB - 1 exceeds the default SETTINGS_MAX_FRAME_SIZE (16 KiB): FRAME_SIZE_ERROR for the connection.
        await connection.WriteRawAsync(new byte[] { 0xFF, 0xFF, 0xFF, RawHttp2Connection.Data, 0, 0, 0, 0, (byte)stream.Id });
        Assert.True(await connection.WaitClosedAsync(TimeSpan.FromSeconds(15)), "server kept the connection open");
        Assert.Equal(FrameSizeError, connection.GoAwayCode);
        await AssertServerHealthyAsync();
    }

    [Fact]
    public async Task DataOnStreamZero_GoAwayProtocolError()
    {
        await using var connection = await RawHttp2Connection.ConnectAsync(Server.Port);
        await connection.SendDataAsync(0, new byte[] { 0, 0, 0, 0, 0 }, endStream: false);
        Assert.True(await connection.WaitClosedAsync(TimeSpan.FromSeconds(15)), "server kept the connection open");
        Assert.Equal(ProtocolError, connection.GoAwayCode);
        await AssertServerHealthyAsync();
    }

    [Fact]
    public async Task ResetMidMessage_SameConnectionStillServes()
    {
        await using var connection = await RawHttp2Connection.ConnectAsync(Server.Port);
        var stream = await connection.SendRequestHeadersAsync(EchoPath);
        await connection.SendDataAsync(stream.Id, new byte[] { 0, 0, 0, 0, 100, 0x0A, 0x62 }, endStream: false);
        await connection.WriteFrameAsync(RawHttp2Connection.RstStream, 0, stream.Id, RawHttp2Connection.UInt32(Cancel));

        var next = await connection.UnaryAsync(EchoPath, new EchoRequest { Text = "after reset" }.ToByteArray());
        Assert.True(next.GrpcStatus == 0, next.ToString());
        Assert.Equal("after reset", EchoResponse.Parser.ParseFrom(next.Data.ToArray().AsSpan(5).ToArray()).Text);
        await AssertServerHealthyAsync();
    }

    [Fact]
    public async Task ThousandsOfConcurrentStreams_WithinLimit_AllSucceed()
    {
        const int connections = 16;
        var conns = new List<RawHttp2Connection>();
        try
        {
            for (var i = 0; i < connections; i++)
            {
                conns.Add(await RawHttp2Connection.ConnectAsync(Server.Port));
            }

            var perConnection = Math.Min(conns[0].MaxConcurrentStreams, 128);
            var request = RawHttp2Connection.GrpcFrame(new EchoRequest { Text = "并发", DelayMs = 200 }.ToByteArray());
            var streams = new List<RawStream>();
            foreach (var connection in conns)
            {
                for (var j = 0; j < perConnection; j++)
                {
                    var stream = await connection.SendRequestHeadersAsync(EchoPath);
                    await connection.SendDataAsync(stream.Id, request, endStream: true);
                    streams.Add(stream);
                }
            }

            await Task.WhenAll(streams.Select(s => s.Ended)).WaitAsync(TimeSpan.FromSeconds(120));
            output.WriteLine($"{streams.Count} concurrent streams over {connections} connections (limit {conns[0].MaxConcurrentStreams} per connection)");
            Assert.True(streams.Count >= 1000, $"only {streams.Count} streams");
            var failed = streams.Where(s => s.GrpcStatus != 0).ToList();
            Assert.True(failed.Count == 0, $"{failed.Count} failed, e.g. {failed.FirstOrDefault()}");
        }
        finally
        {
            foreach (var connection in conns)
            {
                await connection.DisposeAsync();
            }
        }

        await AssertServerHealthyAsync();
    }

    [Fact]
    public async Task StreamsBeyondMaxConcurrentStreams_ExcessRefused_OthersSucceed()
    {
        await using var connection = await RawHttp2Connection.ConnectAsync(Server.Port);
        var limit = connection.MaxConcurrentStreams;
        Assert.True(limit is > 0 and < 100_000, $"server announced SETTINGS_MAX_CONCURRENT_STREAMS = {limit}");
        var request = RawHttp2Connection.GrpcFrame(new EchoRequest { Text = "slow", DelayMs = 2000 }.ToByteArray());
        var streams = new List<RawStream>();
        for (var i = 0; i < limit + 20; i++)
        {
            var stream = await connection.SendRequestHeadersAsync(EchoPath);
            await connection.SendDataAsync(stream.Id, request, endStream: true);
            streams.Add(stream);
        }

        await Task.WhenAll(streams.Select(s => s.Ended)).WaitAsync(TimeSpan.FromSeconds(60));
        var refused = streams.Count(s => s.ResetCode == RefusedStream || s.ConnectionLost);
        var succeeded = streams.Count(s => s.GrpcStatus == 0);
        output.WriteLine($"limit {limit}: {succeeded} succeeded, {refused} refused, GOAWAY {connection.GoAwayCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
        Assert.True(refused >= 20, $"expected the 20 streams beyond the limit to be refused; {refused} were");
        Assert.True(succeeded + refused == streams.Count, string.Join('\n', streams.Where(s => s.GrpcStatus != 0 && s.ResetCode != RefusedStream && !s.ConnectionLost).Take(3)));
        await AssertServerHealthyAsync();
    }

    [Fact]
    public async Task AbruptDisconnectsMidRequest_ServerSurvives()
    {
        var slow = RawHttp2Connection.GrpcFrame(new EchoRequest { Text = "gone", DelayMs = 1000 }.ToByteArray());
        for (var i = 0; i < 200; i++)
        {
            var connection = await RawHttp2Connection.ConnectAsync(Server.Port);
            var stream = await connection.SendRequestHeadersAsync(EchoPath);
            // Alternate: vanish half-way through a message, or while the handler is running.
            var bytes = i % 2 == 0 ? slow.AsMemory(0, 4) : slow;
            await connection.SendDataAsync(stream.Id, bytes, endStream: i % 2 == 1);
            connection.Abort();
            await connection.DisposeAsync();
        }

        await AssertServerHealthyAsync();
    }

    [Fact]
    public async Task GarbageInsteadOfPreface_ConnectionClosed_ServerSurvives()
    {
        await using var connection = await RawHttp2Connection.ConnectAsync(Server.Port, handshake: false);
        await connection.WriteRawAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n" + new string('A', 64 * 1024)));
        connection.Abort();
        await AssertServerHealthyAsync();
    }

    private async Task AssertServerHealthyAsync()
    {
        Assert.True(Server.IsAlive, $"server process died:\n{Server.Output}");
        await using var connection = await RawHttp2Connection.ConnectAsync(Server.Port);
        var health = await connection.UnaryAsync("/grpc.health.v1.Health/Check", []);
        Assert.True(health.GrpcStatus == 0, health.ToString());
        // HealthCheckResponse{status: SERVING} framed: 00 00000002 08 01.
        Assert.Equal(new byte[] { 0, 0, 0, 0, 2, 0x08, 0x01 }, health.Data.ToArray());
        var peak = Server.PeakRssKiB();
        output.WriteLine($"server peak RSS (VmHWM) so far: {peak / 1024.0:F1} MiB");
        Assert.True(peak < PeakRssLimitKiB, $"peak RSS {peak / 1024.0:F1} MiB exceeds {PeakRssLimitKiB / 1024} MiB");
    }
}

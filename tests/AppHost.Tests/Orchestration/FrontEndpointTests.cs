using System.Net;
using System.Net.Sockets;
using System.Text;
using AppHost.Orchestration;
using AppHost.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace AppHost.Tests.Orchestration;

public sealed class FrontEndpointTests
{
    [Fact]
    public async Task FrontEndpoint_SpreadsConnectionsRoundRobin_OverReadyTargets()
    {
        using var timeout = Timeouts.Start(TimeSpan.FromSeconds(30));
        await using var first = NamedServer.Start("first");
        await using var second = NamedServer.Start("second");
        await using var front = FrontEndpoint.Bind("test", 0);
        front.Start(() => [first.Port, second.Port], NullLogger.Instance);

        List<string> answers = [];
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await ExchangeAsync(front.Port, "ping", timeout.Token));
        }

        Assert.Equal(3, answers.Count(a => a == "first:ping"));
        Assert.Equal(3, answers.Count(a => a == "second:ping"));
    }

    [Fact]
    public async Task FrontEndpoint_SkipsTargetThatRefuses_WhenAnotherIsReady()
    {
        using var timeout = Timeouts.Start(TimeSpan.FromSeconds(30));
        await using var live = NamedServer.Start("live");
        var closedPort = AppHost.Processes.FreePort.Next();
        await using var front = FrontEndpoint.Bind("test", 0);
        front.Start(() => [closedPort, live.Port], NullLogger.Instance);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("live:hello", await ExchangeAsync(front.Port, "hello", timeout.Token));
        }
    }

    [Fact]
    public async Task FrontEndpoint_RefusesToBind_WhenPortIsTaken()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var exception = Assert.Throws<InvalidOperationException>(() => FrontEndpoint.Bind("gateway", port));

        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), exception.Message, StringComparison.Ordinal);
        Assert.Contains("gateway", exception.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    /// <summary>Sends a line, half-closes, and reads the whole answer: the forwarder must pass both directions and the close.</summary>
    private static async Task<string> ExchangeAsync(int port, string message, CancellationToken cancellationToken)
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
        await client.SendAsync(Encoding.UTF8.GetBytes(message), SocketFlags.None, cancellationToken);
        client.Shutdown(SocketShutdown.Send);
        var answer = new MemoryStream();
        var buffer = new byte[256];
        int read;
        while ((read = await client.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)) > 0)
        {
            answer.Write(buffer, 0, read);
        }
        return Encoding.UTF8.GetString(answer.ToArray());
    }

    /// <summary>Answers each connection with its name, a colon and everything the client sent before closing its side.</summary>
    private sealed class NamedServer : IAsyncDisposable
    {
        private readonly TcpListener listener;
        private readonly Task loop;
        private readonly CancellationTokenSource stop = new();

        private NamedServer(string name)
        {
            listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            loop = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    using var socket = await listener.AcceptSocketAsync(stop.Token);
                    var received = new MemoryStream();
                    var buffer = new byte[256];
                    int read;
                    while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, stop.Token)) > 0)
                    {
                        received.Write(buffer, 0, read);
                    }
                    await socket.SendAsync(Encoding.UTF8.GetBytes($"{name}:{Encoding.UTF8.GetString(received.ToArray())}"), SocketFlags.None, stop.Token);
                    socket.Shutdown(SocketShutdown.Send);
                }
            });
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public static NamedServer Start(string name) => new(name);

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            listener.Stop();
            try
            {
                await loop;
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
            stop.Dispose();
        }
    }
}

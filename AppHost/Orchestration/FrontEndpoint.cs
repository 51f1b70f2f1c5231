using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace AppHost.Orchestration;

/// <summary>
/// The stable front port of a project's endpoint, as Aspire's proxy gives one: consumers see only this address,
/// while each replica listens on its own target port behind it. Connections are spread round-robin over the
/// replicas that are ready; a replica that refuses a connection is skipped for that connection.
/// The port is bound when the graph is built, so its URL can be handed to dependents before anything starts.
/// </summary>
public sealed partial class FrontEndpoint : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    private readonly List<TcpListener> listeners = [];
    private ILogger logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> acceptLoops = [];
    private Func<IReadOnlyList<int>> readyTargets = () => [];
    private int next;
    private int disposed;

    private FrontEndpoint(string resourceName, int port, string host)
    {
        ResourceName = resourceName;
        Port = port;
        Url = new Uri($"http://{host}:{port}");
    }

    public string ResourceName { get; }

    public int Port { get; }

    /// <summary><c>http://localhost:port</c> when both loopback addresses are bound, otherwise the IPv4 one.</summary>
    public Uri Url { get; }

    /// <summary>Binds <paramref name="port"/> (0: any free port) on 127.0.0.1 and, where it can, on ::1.</summary>
    public static FrontEndpoint Bind(string resourceName, int port)
    {
        var ipv4 = new TcpListener(IPAddress.Loopback, port);
        try
        {
            ipv4.Start();
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new InvalidOperationException(
                $"Port {port} for '{resourceName}' is already in use; stop what holds it or choose another port.", exception);
        }
        var bound = ((IPEndPoint)ipv4.LocalEndpoint).Port;
        TcpListener? ipv6 = null;
        if (Socket.OSSupportsIPv6)
        {
            try
            {
                ipv6 = new TcpListener(IPAddress.IPv6Loopback, bound);
                ipv6.Start();
            }
            catch (SocketException)
            {
                ipv6 = null;
            }
        }
        var endpoint = new FrontEndpoint(resourceName, bound, ipv6 is null ? "127.0.0.1" : "localhost");
        endpoint.listeners.Add(ipv4);
        if (ipv6 is not null)
        {
            endpoint.listeners.Add(ipv6);
        }
        return endpoint;
    }

    /// <summary>Starts accepting; <paramref name="targets"/> answers the target ports of the replicas ready now.</summary>
    public void Start(Func<IReadOnlyList<int>> targets, ILogger logger)
    {
        readyTargets = targets;
        this.logger = logger;
        foreach (var listener in listeners)
        {
            acceptLoops.Add(AcceptAsync(listener, stopping.Token));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }
        await stopping.CancelAsync();
        foreach (var listener in listeners)
        {
            listener.Stop();
        }
        await Task.WhenAll(acceptLoops);
        stopping.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stop);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException && stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException exception)
            {
                Log.AcceptFailed(logger, exception, ResourceName);
                continue;
            }
            _ = ForwardAsync(client, stop);
        }
    }

    private async Task ForwardAsync(Socket client, CancellationToken stop)
    {
        using (client)
        {
            client.NoDelay = true;
            using var target = await ConnectToReplicaAsync(stop);
            if (target is null)
            {
                Log.NoReplica(logger, ResourceName, Port);
                return;
            }
            try
            {
                // Each direction ends with a half-close, so a request body or a server's end of stream passes through.
                await Task.WhenAll(PumpAsync(client, target, stop), PumpAsync(target, client, stop));
            }
            catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // One side went away; both sockets close with the using blocks.
            }
        }
    }

    private async Task<Socket?> ConnectToReplicaAsync(CancellationToken stop)
    {
        var targets = readyTargets();
        for (var attempt = 0; attempt < targets.Count; attempt++)
        {
            var port = targets[(int)((uint)Interlocked.Increment(ref next) % (uint)targets.Count)];
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
                timeout.CancelAfter(ConnectTimeout);
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
                return socket;
            }
            catch (Exception exception) when (exception is SocketException or OperationCanceledException)
            {
                socket.Dispose();
            }
        }
        return null;
    }

    private static async Task PumpAsync(Socket from, Socket to, CancellationToken stop)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, stop);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, stop);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Accepting a connection for {Resource} failed")]
        public static partial void AcceptFailed(ILogger logger, Exception exception, string resource);

        [LoggerMessage(2, LogLevel.Warning, "No replica of {Resource} accepted a connection on port {Port}")]
        public static partial void NoReplica(ILogger logger, string resource, int port);
    }
}

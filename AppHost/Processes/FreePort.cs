using System.Net;
using System.Net.Sockets;

namespace AppHost.Processes;

public static class FreePort
{
    /// <summary>
    /// A loopback port nothing listens on now. It is released before the child binds it, as Aspire's orchestrator
    /// does for target ports; a child that loses the race exits and is restarted by its supervisor.
    /// </summary>
    public static int Next()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}

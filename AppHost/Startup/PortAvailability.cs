using System.Net;
using System.Net.Sockets;

namespace AppHost.Startup;

/// <summary>Whether a fixed port this machine's users open is free, checked before anything starts.</summary>
public static class PortAvailability
{
    /// <returns>A problem naming the port, what it is for and the fix; null when the port is free.</returns>
    public static string? Check(int port, string purpose, string fix)
    {
        foreach (var address in (IPAddress[])[IPAddress.Loopback, IPAddress.IPv6Loopback])
        {
            if (address.AddressFamily == AddressFamily.InterNetworkV6 && !Socket.OSSupportsIPv6)
            {
                continue;
            }
            try
            {
                using var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                listener.Bind(new IPEndPoint(address, port));
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                return $"Port {port} ({purpose}) is already in use by another program: stop it, or {fix}.";
            }
            catch (SocketException)
            {
                // No such address on this machine (an IPv6-less loopback): nothing can be listening there either.
            }
        }
        return null;
    }
}

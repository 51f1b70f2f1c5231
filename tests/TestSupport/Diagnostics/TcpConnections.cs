using System.Globalization;

namespace TestSupport.Diagnostics;

/// <summary>TCP sockets as the kernel lists them in /proc/net/tcp and tcp6.</summary>
public static class TcpConnections
{
    private const string Established = "01";

    /// <summary>Established connections whose local port is <paramref name="port"/>: those a server on that port still has open.</summary>
    public static int EstablishedOnLocalPort(int port)
    {
        var count = 0;
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }
            // "sl local_address rem_address st ...", addresses as hex "address:port"; the first line is the header.
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var local = fields[1];
                var localPort = int.Parse(local[(local.LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (localPort == port && fields[3] == Established)
                {
                    count++;
                }
            }
        }
        return count;
    }
}

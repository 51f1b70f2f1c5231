namespace Gateway.Configuration;

/// <summary>
/// Whether to trust X-Forwarded-For/Proto/Host from a load balancer in front of the gateway (section
/// <c>Gateway:ForwardedHeaders</c>). Off by default: trusting them from anyone lets a client forge its address.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public bool Enabled { get; set; }

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.4</c>. Loopback is always trusted.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Trusted networks in CIDR form, e.g. <c>10.0.0.0/8</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxy hops to read from the headers.</summary>
    public int ForwardLimit { get; set; } = 1;
}

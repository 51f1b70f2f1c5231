using System.ComponentModel.DataAnnotations;
using System.Net;
using ServiceDefaults.Settings;

namespace Gateway.Configuration;

/// <summary>
/// Whether to trust X-Forwarded-For/Proto/Host from a load balancer in front of the gateway (section
/// <c>Gateway:ForwardedHeaders</c>). Off by default: trusting them from anyone lets a client forge its address.
/// </summary>
public sealed class ForwardedHeadersSettings : IValidatableObject
{
    public bool Enabled { get; set; }

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.4</c>. Loopback is always trusted.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Trusted networks in CIDR form, e.g. <c>10.0.0.0/8</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxy hops to read from the headers.</summary>
    [Range(1, 16)]
    public int ForwardLimit { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < KnownProxies.Length; i++)
        {
            if (!IPAddress.TryParse(KnownProxies[i], out _))
            {
                yield return SettingProblem.Result($"{nameof(KnownProxies)}__{i}", "must be an IP address", KnownProxies[i]);
            }
        }
        for (var i = 0; i < KnownNetworks.Length; i++)
        {
            if (!IPNetwork.TryParse(KnownNetworks[i], out _))
            {
                yield return SettingProblem.Result($"{nameof(KnownNetworks)}__{i}", "must be a network in CIDR form such as 10.0.0.0/8", KnownNetworks[i]);
            }
        }
    }
}

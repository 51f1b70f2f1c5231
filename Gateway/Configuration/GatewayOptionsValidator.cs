using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Options;

namespace Gateway.Configuration;

/// <summary>Checks what data annotations cannot: addresses, networks and header values, each error naming its key.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    private const string Prefix = GatewayOptions.SectionName + "__";

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var errors = new List<string>();
        var forwarded = options.ForwardedHeaders;
        for (var i = 0; i < forwarded.KnownProxies.Length; i++)
        {
            if (!IPAddress.TryParse(forwarded.KnownProxies[i], out _))
            {
                errors.Add($"{Prefix}ForwardedHeaders__KnownProxies__{i} '{forwarded.KnownProxies[i]}' is not an IP address.");
            }
        }
        for (var i = 0; i < forwarded.KnownNetworks.Length; i++)
        {
            if (!IPNetwork.TryParse(forwarded.KnownNetworks[i], out _))
            {
                errors.Add($"{Prefix}ForwardedHeaders__KnownNetworks__{i} '{forwarded.KnownNetworks[i]}' is not a network in CIDR form such as 10.0.0.0/8.");
            }
        }
        if (forwarded.ForwardLimit is < 1 or > 16)
        {
            errors.Add($"{Prefix}ForwardedHeaders__ForwardLimit must be between 1 and 16.");
        }

        var headers = options.SecurityHeaders;
        CheckHeaderValue(errors, "ContentSecurityPolicy", headers.ContentSecurityPolicy);
        CheckHeaderValue(errors, "ReferrerPolicy", headers.ReferrerPolicy);
        CheckHeaderValue(errors, "PermissionsPolicy", headers.PermissionsPolicy);
        if (headers.StrictTransportSecurityMaxAge < TimeSpan.Zero)
        {
            errors.Add($"{Prefix}SecurityHeaders__StrictTransportSecurityMaxAge must not be negative.");
        }

        // Data annotations of a nested section are not checked by ValidateDataAnnotations; their messages name the key.
        List<ValidationResult> limits = [];
        Validator.TryValidateObject(options.ClientLimits, new ValidationContext(options.ClientLimits), limits, validateAllProperties: true);
        errors.AddRange(limits.Select(l => l.ErrorMessage ?? $"{Prefix}ClientLimits is invalid."));

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckHeaderValue(List<string> errors, string key, string value)
    {
        // A line break in a header value would split the response; reject it rather than send it.
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            errors.Add($"{Prefix}SecurityHeaders__{key} must be one line.");
        }
    }
}

using Microsoft.Extensions.Options;

namespace Gateway.Authentication;

/// <summary>
/// Checks the authentication settings against each other and against where the gateway listens: without
/// authentication it serves loopback only, unless <c>Gateway__Authentication__AllowAnonymous</c> says otherwise.
/// </summary>
public sealed class GatewayAuthenticationValidator(IConfiguration configuration) : IValidateOptions<GatewayAuthenticationOptions>
{
    private const string Prefix = "Gateway__Authentication__";
    private const int MinApiKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, GatewayAuthenticationOptions options)
    {
        List<string> errors = [];
        switch (options.Mode)
        {
            case GatewayAuthenticationMode.None when !options.AllowAnonymous && ListensBeyondLoopback(configuration) is { } address:
                errors.Add($"{Prefix}Mode is None but the gateway listens on {address}, beyond loopback: choose ApiKey, Jwt or OpenIdConnect " +
                    $"(docs/security.md), or set {Prefix}AllowAnonymous=true to serve anyone who can reach it.");
                break;
            case GatewayAuthenticationMode.ApiKey:
                if (options.ApiKeys.Length == 0)
                {
                    errors.Add($"{Prefix}Mode is ApiKey but no {Prefix}ApiKeys__0 is set.");
                }
                for (var i = 0; i < options.ApiKeys.Length; i++)
                {
                    if (options.ApiKeys[i].Length < MinApiKeyLength)
                    {
                        errors.Add($"{Prefix}ApiKeys__{i} must be at least {MinApiKeyLength} characters (e.g. openssl rand -hex 32).");
                    }
                }
                break;
            case GatewayAuthenticationMode.Jwt or GatewayAuthenticationMode.OpenIdConnect:
                if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
                {
                    errors.Add($"{Prefix}Authority must be the provider's issuer URL for Mode {options.Mode}.");
                }
                if (string.IsNullOrWhiteSpace(options.ClientId))
                {
                    errors.Add($"{Prefix}ClientId must be set for Mode {options.Mode}.");
                }
                if (options.Mode == GatewayAuthenticationMode.OpenIdConnect && string.IsNullOrWhiteSpace(options.ClientSecret))
                {
                    errors.Add($"{Prefix}ClientSecret must be set for Mode OpenIdConnect.");
                }
                break;
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>The first configured address that is not loopback (<c>urls</c>, <c>http_ports</c>, Kestrel endpoints); null when all are.</summary>
    public static string? ListensBeyondLoopback(IConfiguration configuration)
    {
        foreach (var key in (string[])["HTTP_PORTS", "HTTPS_PORTS"])
        {
            if (!string.IsNullOrWhiteSpace(configuration[key]))
            {
                return $"every address (port {configuration[key]}, {key})";
            }
        }
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"] ?? ""));
        foreach (var url in urls.Where(u => u.Length > 0))
        {
            var host = url.Split("://", 2)[^1].Split('/')[0];
            host = host.StartsWith('[') ? host[..(host.IndexOf(']') + 1)] : host.Split(':')[0];
            if (host is not ("localhost" or "127.0.0.1" or "[::1]") && !host.StartsWith("127.", StringComparison.Ordinal))
            {
                return url;
            }
        }
        return null;
    }
}

namespace Gateway.Authentication;

/// <summary>The <c>Gateway:Authentication</c> section; every setting is in docs/configuration.md and docs/security.md.</summary>
public sealed class GatewayAuthenticationOptions
{
    public const string SectionName = "Gateway:Authentication";

    public GatewayAuthenticationMode Mode { get; set; } = GatewayAuthenticationMode.None;

    /// <summary>Serve without authentication on a non-loopback address: an explicit decision, never a default.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>The keys accepted in <see cref="GatewayAuthenticationMode.ApiKey"/> mode (each at least 32 characters).</summary>
    public string[] ApiKeys { get; set; } = [];

    /// <summary>The OpenID Connect provider (issuer URL) of <see cref="GatewayAuthenticationMode.Jwt"/> and <see cref="GatewayAuthenticationMode.OpenIdConnect"/>.</summary>
    public string? Authority { get; set; }

    /// <summary>The token audience (Jwt) or client id (OpenIdConnect) this gateway is registered as.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret of <see cref="GatewayAuthenticationMode.OpenIdConnect"/>, from a Secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Where the provider sends the browser back after sign-in.</summary>
    public string CallbackPath { get; set; } = "/signin-oidc";

    /// <summary>Fetch the provider's metadata over HTTPS only; false only for a provider on loopback in tests.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}

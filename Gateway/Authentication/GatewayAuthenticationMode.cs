namespace Gateway.Authentication;

/// <summary>How the gateway knows who is asking (<c>Gateway__Authentication__Mode</c>).</summary>
public enum GatewayAuthenticationMode
{
    /// <summary>Nobody is asked. Allowed on loopback; elsewhere only with <c>Gateway__Authentication__AllowAnonymous=true</c>.</summary>
    None,

    /// <summary>A static key from a Secret: for small setups (header, bearer token, or once in the URL, then a cookie).</summary>
    ApiKey,

    /// <summary>JWT bearer tokens from an OpenID Connect provider, for API clients.</summary>
    Jwt,

    /// <summary>OpenID Connect sign-in with a cookie session, for browsers; bearer tokens of the same provider are taken too.</summary>
    OpenIdConnect,
}

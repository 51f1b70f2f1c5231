using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Gateway.Authentication;

/// <summary>
/// Accepts one of the configured keys from <c>X-Api-Key</c>, <c>Authorization: Bearer</c>, the session cookie, or
/// once from <c>?api_key=</c> in the URL, which then sets the cookie: a browser's EventSource cannot send headers, but
/// it sends cookies. Keys are compared by their SHA-256 in constant time.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<GatewayAuthenticationOptions> settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string CookieName = "dashboard_api_key";
    public const string QueryParameter = "api_key";

    private readonly byte[][] _keyHashes = [.. settings.Value.ApiKeys.Select(Hash)];

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var fromQuery = Request.Query[QueryParameter].FirstOrDefault();
        var given = Request.Headers["X-Api-Key"].FirstOrDefault()
            ?? BearerToken()
            ?? Request.Cookies[CookieName]
            ?? fromQuery;
        if (given is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (!IsKnown(given))
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }
        if (fromQuery is not null && Request.Cookies[CookieName] != given)
        {
            Response.Cookies.Append(CookieName, given, new CookieOptions
            {
                HttpOnly = true,
                Secure = Request.IsHttps,
                SameSite = SameSiteMode.Strict,
                Path = "/",
            });
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-key")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    private string? BearerToken()
    {
        var header = Request.Headers.Authorization.FirstOrDefault();
        return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private bool IsKnown(string key)
    {
        var hash = Hash(key);
        var known = false;
        foreach (var candidate in _keyHashes)
        {
            known |= CryptographicOperations.FixedTimeEquals(hash, candidate);
        }
        return known;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

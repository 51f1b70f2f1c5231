using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A minimal OpenID Connect provider on loopback: its discovery document, its signing key, and tokens it signs, so
/// the gateway's JWT and OpenID Connect modes are tested against real metadata and real signatures.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private LoopbackServer? _server;

    private TestIdentityProvider() => _key = new RsaSecurityKey(_rsa) { KeyId = "test-key" };

    public string Authority => _server!.Address.ToString().TrimEnd('/');

    public static async Task<TestIdentityProvider> StartAsync(CancellationToken cancellationToken)
    {
        var provider = new TestIdentityProvider();
        provider._server = await LoopbackServer.StartAsync(provider.Map, cancellationToken);
        return provider;
    }

    /// <summary>A token for <paramref name="audience"/>, signed with this provider's key (or a stranger's).</summary>
    public string Token(string audience, bool signedByStranger = false)
    {
        using var stranger = RSA.Create(2048);
        var key = signedByStranger ? new RsaSecurityKey(stranger) { KeyId = "test-key" } : _key;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", "researcher")]),
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = $"{Authority}/authorize",
            ["token_endpoint"] = $"{Authority}/token",
            ["jwks_uri"] = $"{Authority}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = "test-key" });
            return Results.Text(JsonSerializer.Serialize(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } }),
                "application/json");
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        _rsa.Dispose();
    }
}

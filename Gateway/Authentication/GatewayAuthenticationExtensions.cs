using Gateway.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class GatewayAuthenticationExtensions
{
    private const string SessionOrBearer = "SessionOrBearer";

    /// <summary>Whether requests are authenticated at all (any mode but None).</summary>
    public static bool UsesAuthentication(this IConfiguration configuration) =>
        (configuration.GetSection(GatewayAuthenticationOptions.SectionName).Get<GatewayAuthenticationOptions>()?.Mode ?? GatewayAuthenticationMode.None)
            != GatewayAuthenticationMode.None;

    /// <summary>
    /// Authentication at the one origin the browser sees (docs/security.md): every proxied route requires a signed-in
    /// user unless the mode is None; the gateway's own <c>/health</c> and <c>/alive</c> stay open for probes.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayAuthentication(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSettings<GatewayAuthenticationOptions>(GatewayAuthenticationOptions.SectionName);
        services.AddSingleton<IValidateOptions<GatewayAuthenticationOptions>, GatewayAuthenticationValidator>();

        var settings = builder.Configuration.GetSection(GatewayAuthenticationOptions.SectionName).Get<GatewayAuthenticationOptions>() ?? new();
        if (settings.Mode == GatewayAuthenticationMode.None)
        {
            return builder;
        }
        switch (settings.Mode)
        {
            case GatewayAuthenticationMode.ApiKey:
                services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
                break;
            case GatewayAuthenticationMode.Jwt:
                services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt => ConfigureJwt(jwt, settings));
                break;
            default:
                AddOpenIdConnect(services, settings);
                break;
        }
        services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    private static void ConfigureJwt(JwtBearerOptions jwt, GatewayAuthenticationOptions settings)
    {
        jwt.Authority = settings.Authority;
        jwt.Audience = settings.ClientId;
        jwt.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        jwt.MapInboundClaims = false;
    }

    /// <summary>
    /// A cookie session signed in through the provider, for browsers; bearer tokens of the same provider for API
    /// clients. A request that is not for a page (an API call, the stream) gets 401 rather than a redirect it cannot follow.
    /// </summary>
    private static void AddOpenIdConnect(IServiceCollection services, GatewayAuthenticationOptions settings)
    {
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SessionOrBearer;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
                options.DefaultSignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddPolicyScheme(SessionOrBearer, "Cookie session or bearer token", policy => policy.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.FirstOrDefault()?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true
                    ? JwtBearerDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "dashboard_session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.SlidingExpiration = true;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
            })
            .AddJwtBearer(jwt => ConfigureJwt(jwt, settings))
            .AddOpenIdConnect(oidc =>
            {
                oidc.Authority = settings.Authority;
                oidc.ClientId = settings.ClientId;
                oidc.ClientSecret = settings.ClientSecret;
                oidc.CallbackPath = settings.CallbackPath;
                oidc.ResponseType = "code";
                oidc.UsePkce = true;
                oidc.SaveTokens = false;
                oidc.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                oidc.MapInboundClaims = false;
                oidc.Events.OnRedirectToIdentityProvider = context =>
                {
                    if (!AcceptsPage(context.Request))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        context.HandleResponse();
                    }
                    return Task.CompletedTask;
                };
            });
    }

    private static bool AcceptsPage(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
}

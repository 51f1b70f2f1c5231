using AppHost.Resources;
using AppHost.Settings;

namespace AppHost.Publishing;

public static class GatewayAuthenticationExtensions
{
    /// <summary>
    /// Published, the gateway authenticates (docs/security.md): its mode, provider and client id as plain settings, its
    /// client secret and API key from the operator's Secret (optional keys, needed by the modes that use them). The
    /// gateway refuses to start beyond loopback without authentication, so a cluster never serves the dashboard to
    /// anyone by accident; <c>None</c> must be chosen explicitly. Locally nothing changes: the gateway serves loopback.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPublishedAuthentication(this IResourceBuilder<ProjectResource> gateway,
        IDistributedApplicationBuilder builder, PublishOptions options)
    {
        if (!builder.ExecutionContext.IsPublishMode)
        {
            return gateway;
        }
        gateway.WithEnvironment("Gateway__Authentication__Mode", options.GatewayAuthentication);
        if (options.GatewayAuthentication == "None")
        {
            return gateway.WithEnvironment("Gateway__Authentication__AllowAnonymous", "true");
        }
        gateway.WithEnvironment("Gateway__Authentication__Authority", options.GatewayAuthority)
            .WithEnvironment("Gateway__Authentication__ClientId", options.GatewayClientId);
        var clientSecret = builder.AddParameter("gateway-client-secret", secret: true).WithAnnotation(new OptionalReferenceAnnotation());
        var apiKey = builder.AddParameter("gateway-api-key", secret: true).WithAnnotation(new OptionalReferenceAnnotation());
        return gateway.WithEnvironment("Gateway__Authentication__ClientSecret", clientSecret)
            .WithEnvironment("Gateway__Authentication__ApiKeys__0", apiKey);
    }
}

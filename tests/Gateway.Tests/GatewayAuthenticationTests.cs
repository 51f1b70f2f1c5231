using System.Net;
using System.Net.Http.Headers;
using Gateway.Tests.Infrastructure;
using TestSupport.Processes;

namespace Gateway.Tests;

/// <summary>Authentication at the gateway, each mode through the real pipeline to real destinations.</summary>
public sealed class GatewayAuthenticationTests
{
    private const string Key = "0123456789abcdef0123456789abcdef-test-key";

    [Fact]
    public async Task ApiKey_IsRequiredOnEveryProxiedRoute_FromAHeaderABearerTokenOrTheCookieTheUrlSets_AndHealthStaysOpen()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", cancellationToken);
        await using var frontend = await DestinationServer.StartAsync("frontend", cancellationToken);
        await using var gateway = await GatewayHost.StartAsync([streamApi.Address], frontend.Address, cancellationToken,
            new Dictionary<string, string?> { ["Gateway:Authentication:Mode"] = "ApiKey", ["Gateway:Authentication:ApiKeys:0"] = Key });

        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Client.GetAsync("/runs", cancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(gateway, "/runs", "X-Api-Key", "not-the-key", cancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(gateway, "/runs", "X-Api-Key", Key, cancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(gateway, "/stream", "Authorization", $"Bearer {Key}", cancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/health", cancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/alive", cancellationToken)).StatusCode);

        using var fromLink = await gateway.Client.GetAsync($"/?api_key={Key}", cancellationToken);
        var cookie = Assert.Single(fromLink.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await Send(gateway, "/runs", "Cookie", cookie.Split(';')[0], cancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Jwt_TakesTokensOfTheProvider_ForThisAudience_AndRefusesTheRest()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var provider = await TestIdentityProvider.StartAsync(cancellationToken);
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", cancellationToken);
        await using var frontend = await DestinationServer.StartAsync("frontend", cancellationToken);
        await using var gateway = await GatewayHost.StartAsync([streamApi.Address], frontend.Address, cancellationToken, new Dictionary<string, string?>
        {
            ["Gateway:Authentication:Mode"] = "Jwt",
            ["Gateway:Authentication:Authority"] = provider.Authority,
            ["Gateway:Authentication:ClientId"] = "training-dashboard",
            ["Gateway:Authentication:RequireHttpsMetadata"] = "false",
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Client.GetAsync("/runs", cancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(gateway, provider.Token("training-dashboard"), cancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(gateway, provider.Token("another-app"), cancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await Bearer(gateway, provider.Token("training-dashboard", signedByStranger: true), cancellationToken)).StatusCode);
    }

    [Fact]
    public async Task OpenIdConnect_SendsABrowserToTheProvider_AndAnApiCallGets401()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var provider = await TestIdentityProvider.StartAsync(cancellationToken);
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", cancellationToken);
        await using var frontend = await DestinationServer.StartAsync("frontend", cancellationToken);
        await using var gateway = await GatewayHost.StartAsync([streamApi.Address], frontend.Address, cancellationToken, new Dictionary<string, string?>
        {
            ["Gateway:Authentication:Mode"] = "OpenIdConnect",
            ["Gateway:Authentication:Authority"] = provider.Authority,
            ["Gateway:Authentication:ClientId"] = "training-dashboard",
            ["Gateway:Authentication:ClientSecret"] = "client-secret",
            ["Gateway:Authentication:RequireHttpsMetadata"] = "false",
        });
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = gateway.Address };

        using var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Accept.ParseAdd("text/html");
        using var pageAnswer = await noRedirects.SendAsync(page, cancellationToken);
        using var api = await noRedirects.GetAsync("/runs", cancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, pageAnswer.StatusCode);
        Assert.StartsWith($"{provider.Authority}/authorize?client_id=training-dashboard", pageAnswer.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(gateway, provider.Token("training-dashboard"), cancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Start_Fails_WithoutAuthentication_BeyondLoopback_UnlessAllowedExplicitly()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", cancellationToken);
        await using var frontend = await DestinationServer.StartAsync("frontend", cancellationToken);
        var everyAddress = new Dictionary<string, string?> { ["HTTP_PORTS"] = "8080" };

        // The refusal in the real process: a start that fails is where WebApplicationFactory can lose the exception.
        var refused = await ServiceProcess.RefusedStartAsync("Gateway", everyAddress);
        await StartAndStopAsync(new Dictionary<string, string?>(everyAddress) { ["Gateway:Authentication:AllowAnonymous"] = "true" });

        Assert.Contains("Gateway__Authentication__Mode is None but the gateway listens on every address", refused, StringComparison.Ordinal);

        async Task StartAndStopAsync(Dictionary<string, string?> settings)
        {
            await using var gateway = await GatewayHost.StartAsync([streamApi.Address], frontend.Address, cancellationToken, settings);
        }
    }

    private static async Task<HttpResponseMessage> Send(GatewayHost gateway, string path, string header, string value, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation(header, value);
        return await gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private static async Task<HttpResponseMessage> Bearer(GatewayHost gateway, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/runs");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await gateway.Client.SendAsync(request, cancellationToken);
    }
}

using Frontend.Configuration;
using Microsoft.Extensions.Options;

namespace Frontend.Endpoints;

public static class AppConfigEndpoints
{
    public const string Path = "/app-config.json";

    public static IEndpointRouteBuilder MapAppConfigEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, GetAppConfig);
        return endpoints;
    }

    /// <summary>Serialized once: the options are fixed for the life of the process.</summary>
    private static IResult GetAppConfig(HttpContext context, IOptions<DashboardOptions> options)
    {
        context.Response.Headers.CacheControl = "no-cache";
        var dashboard = options.Value;
        var document = new AppConfigDocument(
            dashboard.Title,
            dashboard.TabRules.Select(rule => new AppConfigTabRule(rule.Tab, rule.Prefixes)).ToArray());
        return TypedResults.Json(document, FrontendJsonContext.Default.AppConfigDocument);
    }
}

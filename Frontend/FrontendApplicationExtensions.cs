using Frontend.Endpoints;
using Frontend.StaticFiles;

namespace Microsoft.AspNetCore.Builder;

public static class FrontendApplicationExtensions
{
    /// <summary>Static files: the precompressed variant when the browser takes it, with the cache policy of each file.</summary>
    public static WebApplication UseFrontend(this WebApplication app)
    {
        app.UseMiddleware<PrecompressedAssetMiddleware>();
        app.UseStaticFiles(AssetCachePolicy.CreateOptions());
        return app;
    }

    /// <summary>The page's settings, and index.html for every other path without a file extension (client-side views).</summary>
    public static WebApplication MapFrontend(this WebApplication app)
    {
        app.MapAppConfigEndpoints();
        app.MapFallbackToFile("index.html", AssetCachePolicy.CreateOptions());
        return app;
    }
}

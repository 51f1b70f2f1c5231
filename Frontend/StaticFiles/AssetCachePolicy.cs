using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Frontend.StaticFiles;

/// <summary>
/// Files under /assets/ carry a content hash in their names, so they never change: cache them for a year. Every
/// other file (index.html above all) must be revalidated, or a browser would keep loading yesterday's app.
/// </summary>
public static class AssetCachePolicy
{
    public const string HashedAssetsPrefix = "/assets/";

    public static StaticFileOptions CreateOptions() => new()
    {
        ContentTypeProvider = new PrecompressedContentTypeProvider(),
        OnPrepareResponse = Apply,
    };

    private static void Apply(StaticFileResponseContext context)
    {
        var headers = context.Context.Response.Headers;
        var path = context.Context.Request.Path;
        headers.CacheControl = path.StartsWithSegments(HashedAssetsPrefix.TrimEnd('/'), StringComparison.Ordinal)
            ? "public, max-age=31536000, immutable"
            : "no-cache";
        if (PrecompressedEncodings.EncodingOf(context.File.Name) is { } encoding)
        {
            headers[HeaderNames.ContentEncoding] = encoding;
        }
    }
}

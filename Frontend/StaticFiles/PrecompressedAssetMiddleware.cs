using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Frontend.StaticFiles;

/// <summary>
/// Serves the .br or .gz file the build wrote beside an asset when the browser accepts that encoding, by pointing
/// the request at it before the static-file middleware runs. No compression work happens per request.
/// </summary>
public sealed class PrecompressedAssetMiddleware(RequestDelegate next, IWebHostEnvironment environment)
{
    private readonly IFileProvider _files = environment.WebRootFileProvider;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && request.Path.HasValue
            && PrecompressedEncodings.EncodingOf(request.Path.Value!) is null)
        {
            var path = request.Path.Value!;
            var hasVariant = false;
            foreach (var (encoding, suffix) in PrecompressedEncodings.All)
            {
                if (!_files.GetFileInfo(path + suffix).Exists)
                {
                    continue;
                }
                hasVariant = true;
                if (Accepts(request, encoding))
                {
                    request.Path = path + suffix;
                    break;
                }
            }
            if (hasVariant)
            {
                context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
            }
        }
        return next(context);
    }

    private static bool Accepts(HttpRequest request, string encoding)
    {
        foreach (var value in request.GetTypedHeaders().AcceptEncoding)
        {
            if (value.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) && (value.Quality ?? 1) > 0)
            {
                return true;
            }
        }
        return false;
    }
}

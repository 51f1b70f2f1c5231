using Microsoft.Net.Http.Headers;
using StreamApi.Streaming;

namespace StreamApi.Endpoints;

/// <summary>Picks the compact snapshot's compression from the request's <c>Accept-Encoding</c>: brotli, else gzip, else none.</summary>
internal static class ContentCodingNegotiation
{
    public static ContentCoding Choose(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        return Accepts(accepted, "br") ? ContentCoding.Brotli
            : Accepts(accepted, "gzip") ? ContentCoding.Gzip
            : ContentCoding.Identity;
    }

    /// <summary>The header's name for <paramref name="coding"/>; null for identity (no Content-Encoding is sent).</summary>
    public static string? HeaderValue(ContentCoding coding) => coding switch
    {
        ContentCoding.Brotli => "br",
        ContentCoding.Gzip => "gzip",
        _ => null,
    };

    private static bool Accepts(IList<StringWithQualityHeaderValue> accepted, string coding)
    {
        double? named = null;
        double? any = null;
        foreach (var entry in accepted)
        {
            var quality = entry.Quality ?? 1;
            if (entry.Value.Equals(coding, StringComparison.OrdinalIgnoreCase))
            {
                named = quality;
            }
            else if (entry.Value.Equals("*", StringComparison.Ordinal))
            {
                any = quality;
            }
        }
        return (named ?? any ?? 0) > 0;
    }
}

namespace StreamApi.Endpoints;

/// <summary>
/// Reads the last segments of a path from the request target as the client sent it. Kestrel decodes the path
/// except <c>%2F</c> (decoding it would add a segment), so in the routed path <c>a%2Fb</c> stands for both
/// <c>a/b</c> (sent <c>a%2Fb</c>) and the text <c>a%2Fb</c> (sent <c>a%252Fb</c>); only the raw target tells.
/// </summary>
internal static class RawPathTail
{
    /// <summary>
    /// The fully decoded text of the raw path's segments that make up <paramref name="routedTail"/> (the value of a
    /// catch-all route parameter), or null when the raw target does not line up with it (dot segments, which
    /// Kestrel removed, or a target that is not a path).
    /// </summary>
    public static string? Decode(string? rawTarget, string routedTail)
    {
        if (RawPath(rawTarget) is not { } rawPath)
        {
            return null;
        }
        var count = routedTail.Split('/').Length;
        var segments = rawPath.Split('/');
        if (segments.Length - 1 < count)
        {
            return null;
        }
        var decoded = segments[^count..].Select(Uri.UnescapeDataString).ToArray();
        // What Kestrel made of these segments must be the routed value, or they are not the segments it routed.
        var asKestrelRoutes = string.Join('/', decoded.Select(segment => segment.Replace("/", "%2F", StringComparison.Ordinal)));
        return string.Equals(EncodedSlashesUpper(asKestrelRoutes), EncodedSlashesUpper(routedTail), StringComparison.Ordinal)
            ? string.Join('/', decoded)
            : null;
    }

    /// <summary>The path of an origin-form (<c>/p?q</c>) or absolute-form (<c>http://host/p?q</c>) target, still encoded.</summary>
    private static string? RawPath(string? rawTarget)
    {
        if (string.IsNullOrEmpty(rawTarget))
        {
            return null;
        }
        var start = 0;
        if (rawTarget[0] != '/')
        {
            var scheme = rawTarget.IndexOf("://", StringComparison.Ordinal);
            start = scheme < 0 ? -1 : rawTarget.IndexOf('/', scheme + 3);
            if (start < 0)
            {
                return null;
            }
        }
        var end = rawTarget.IndexOf('?', start);
        return end < 0 ? rawTarget[start..] : rawTarget[start..end];
    }

    /// <summary>Kestrel keeps an encoded slash as the client wrote it, <c>%2f</c> or <c>%2F</c>: compare them as one.</summary>
    private static string EncodedSlashesUpper(string routed) => routed.Replace("%2f", "%2F", StringComparison.Ordinal);
}

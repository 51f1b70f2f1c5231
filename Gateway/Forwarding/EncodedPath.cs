using System.Text;

namespace Gateway.Forwarding;

/// <summary>
/// The path of a request as the client encoded it, segment by segment. Kestrel decodes the path except <c>%2F</c>,
/// so the decoded path cannot tell a run id <c>a/b</c> (sent <c>a%2Fb</c>) from the text <c>a%2Fb</c> (sent
/// <c>a%252Fb</c>); only the request target as sent can.
/// </summary>
public static class EncodedPath
{
    /// <summary>
    /// Each segment of <paramref name="rawTarget"/>'s path decoded and encoded again (every byte outside
    /// <c>A-Z a-z 0-9 - . _ ~</c> as <c>%XX</c>), or null when that path is not the one Kestrel routed as
    /// <paramref name="routedPath"/>: a dot segment (Kestrel removed it), a target that is not a path, or anything
    /// else that does not line up.
    /// </summary>
    public static string? FromRawTarget(string? rawTarget, string routedPath)
    {
        if (string.IsNullOrEmpty(rawTarget) || rawTarget[0] != '/')
        {
            return null;
        }
        var end = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var segments = (end < 0 ? rawTarget : rawTarget[..end]).Split('/');
        var encoded = new StringBuilder(rawTarget.Length);
        var asRouted = new StringBuilder(routedPath.Length);
        foreach (var segment in segments.AsSpan(1))
        {
            var text = Uri.UnescapeDataString(segment);
            if (text is "." or "..")
            {
                return null;
            }
            encoded.Append('/').Append(Uri.EscapeDataString(text));
            asRouted.Append('/').Append(text.Replace("/", "%2F", StringComparison.Ordinal));
        }
        // Kestrel keeps an encoded slash as the client wrote it, "%2f" or "%2F".
        return string.Equals(EncodedSlashesUpper(asRouted.ToString()), EncodedSlashesUpper(routedPath), StringComparison.Ordinal)
            ? encoded.ToString()
            : null;
    }

    private static string EncodedSlashesUpper(string path) => path.Replace("%2f", "%2F", StringComparison.Ordinal);
}

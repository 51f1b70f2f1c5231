namespace Frontend.StaticFiles;

/// <summary>The encodings the build writes beside each asset, best first.</summary>
public static class PrecompressedEncodings
{
    public static readonly (string Encoding, string Suffix)[] All = [("br", ".br"), ("gzip", ".gz")];

    public static string StripSuffix(string path)
    {
        foreach (var (_, suffix) in All)
        {
            if (path.EndsWith(suffix, StringComparison.Ordinal))
            {
                return path[..^suffix.Length];
            }
        }
        return path;
    }

    public static string? EncodingOf(string path)
    {
        foreach (var (encoding, suffix) in All)
        {
            if (path.EndsWith(suffix, StringComparison.Ordinal))
            {
                return encoding;
            }
        }
        return null;
    }
}

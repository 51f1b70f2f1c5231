using StreamApi.Streaming;

namespace StreamApi.Endpoints;

/// <summary>Reads a stream filter's query parameters into a bounded list of entries.</summary>
internal static class FilterList
{
    /// <summary>
    /// Entries of a comma-separated, repeatable parameter (<c>?runs=a,b&amp;runs=c</c>), each trimmed, plus those of
    /// an exact one (<c>?run=a,b</c>: one entry each, as given), for entries that hold a comma or begin or end with
    /// a space.
    /// </summary>
    public static List<string> Parse(string[]? lists, string name, Dictionary<string, string[]> errors, string[]? exact = null, string? exactName = null)
    {
        var entries = new List<string>();
        foreach (var value in lists ?? [])
        {
            entries.AddRange(value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }
        entries.AddRange((exact ?? []).Where(entry => entry.Length > 0));
        if (entries.Any(entry => entry.Length > StreamFilter.MaxEntryLength))
        {
            errors[name] = [$"Each {Names(name, exactName)} entry must be at most {StreamFilter.MaxEntryLength} characters."];
        }
        else if (entries.Count > StreamFilter.MaxEntries)
        {
            errors[name] = [$"{Names(name, exactName)} may name at most {StreamFilter.MaxEntries} entries."];
        }
        return entries;
    }

    private static string Names(string name, string? exactName) => exactName is null ? name : $"{name} and {exactName}";
}

using StreamApi.Streaming;

namespace StreamApi.Endpoints;

/// <summary>Reads a comma-separated, repeatable query parameter into a bounded list of entries.</summary>
internal static class FilterList
{
    public static List<string> Parse(string[]? values, string name, Dictionary<string, string[]> errors)
    {
        var entries = new List<string>();
        foreach (var value in values ?? [])
        {
            foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (part.Length > StreamFilter.MaxEntryLength)
                {
                    errors[name] = [$"Each {name} entry must be at most {StreamFilter.MaxEntryLength} characters."];
                    return entries;
                }
                entries.Add(part);
            }
        }
        if (entries.Count > StreamFilter.MaxEntries)
        {
            errors[name] = [$"{name} may name at most {StreamFilter.MaxEntries} entries."];
        }
        return entries;
    }
}

using System.Collections.Frozen;
using System.Text.Json;

namespace Ingestor.Sources.ClickHouse.RunSettings;

/// <summary>
/// A run's config: its <c>tags_json</c> objects merged key by key, the value written last winning, whatever order
/// the objects are read in (each key remembers the time of its value). <see cref="MilestoneKey"/> names a point, not
/// the run, and is left out. <see cref="Current"/> is a new instance only when a key or value changed, so an
/// unchanged run compares equal by reference and is not published again.
/// </summary>
public sealed class RunConfig
{
    public const string MilestoneKey = "milestone";

    /// <summary>Rejected tags_json are remembered (up to this many per run) so that re-reading one does not count it again.</summary>
    private const int MaxRememberedRejections = 64;

    private readonly Dictionary<string, (JsonElement Value, long TimeMs)> _entries = new(StringComparer.Ordinal);
    private HashSet<string>? _rejected;

    /// <summary>Key to value, or null while the run has no config.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Current { get; private set; }

    /// <summary>Merges one tags_json in; returns what was wrong with it, the first time it is seen.</summary>
    public TagSetProblem Apply(TagSet tags, ConfigLimits limits)
    {
        if (tags.Json is null)
        {
            return Reject("\0oversized@" + tags.NewestMs, TagSetProblem.Oversized);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(tags.Json);
        }
        catch (JsonException)
        {
            return Reject(tags.Json, TagSetProblem.Malformed);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Reject(tags.Json, TagSetProblem.Malformed);
            }
            var problem = TagSetProblem.None;
            var changed = false;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == MilestoneKey || property.Value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }
                if (property.Name.Length > limits.MaxValueLength || property.Value.GetRawText().Length > limits.MaxValueLength)
                {
                    problem = TagSetProblem.Oversized;
                    continue;
                }
                if (_entries.TryGetValue(property.Name, out var known))
                {
                    if (known.TimeMs > tags.NewestMs)
                    {
                        continue;
                    }
                    if (JsonElement.DeepEquals(known.Value, property.Value))
                    {
                        _entries[property.Name] = (known.Value, tags.NewestMs);
                        continue;
                    }
                }
                else if (_entries.Count >= limits.MaxKeys)
                {
                    problem = problem == TagSetProblem.None ? TagSetProblem.KeysCapped : problem;
                    continue;
                }
                _entries[property.Name] = (property.Value.Clone(), tags.NewestMs);
                changed = true;
            }
            if (changed)
            {
                Current = _entries.ToFrozenDictionary(entry => entry.Key, entry => entry.Value.Value, StringComparer.Ordinal);
            }
            return problem == TagSetProblem.None ? problem : Reject(tags.Json, problem);
        }
    }

    private TagSetProblem Reject(string tags, TagSetProblem problem)
    {
        _rejected ??= new HashSet<string>(StringComparer.Ordinal);
        if (_rejected.Contains(tags))
        {
            return TagSetProblem.None;
        }
        if (_rejected.Count < MaxRememberedRejections)
        {
            _rejected.Add(tags);
        }
        return problem;
    }
}

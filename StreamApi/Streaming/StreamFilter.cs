using System.Collections.Frozen;
using System.Globalization;

namespace StreamApi.Streaming;

/// <summary>
/// What a client asked to see: exact run ids and metric-name prefixes (empty = everything). A series id starts
/// with its metric name, so prefixes match ids without parsing them. Equal filters are equal values, so clients
/// asking the same share one filtered copy of each message.
/// </summary>
public sealed class StreamFilter : IEquatable<StreamFilter>
{
    public const int MaxEntries = 200;
    public const int MaxEntryLength = 256;

    /// <summary>
    /// The longest request line StreamApi reads (Kestrel's own default is 8 KiB): the gateway's default, so a filter the
    /// gateway lets through is not refused behind it; 200 run ids of 100 characters fit even percent-encoded.
    /// </summary>
    public const int MaxRequestLineBytes = 64 * 1024;

    public static readonly StreamFilter Everything = new([], []);

    private readonly FrozenSet<string> _runs;
    private readonly string[] _metricPrefixes;
    private readonly string _canonical;

    public StreamFilter(IEnumerable<string> runs, IEnumerable<string> metricPrefixes)
    {
        _runs = runs.ToFrozenSet(StringComparer.Ordinal);
        _metricPrefixes = [.. metricPrefixes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        // Length-prefixed, so no entry can spell a separator: run ids may hold any character, newlines included.
        _canonical = string.Concat(_runs.Order(StringComparer.Ordinal).Select(Canonical)) + "|" + string.Concat(_metricPrefixes.Select(Canonical));
        // The entries and the canonical text, two bytes a character each, plus the set's and the array's slots.
        ApproximateBytes = (4L * _canonical.Length) + (64L * (_runs.Count + _metricPrefixes.Length)) + 256;
    }

    /// <summary>Roughly what the filter holds in memory: a client chooses its size (up to the request line's limit).</summary>
    public long ApproximateBytes { get; }

    public bool IsEmpty => _runs.Count == 0 && _metricPrefixes.Length == 0;

    public bool MatchesRun(string runId) => _runs.Count == 0 || _runs.Contains(runId);

    public bool Matches(string runId, string seriesId)
    {
        if (!MatchesRun(runId))
        {
            return false;
        }
        if (_metricPrefixes.Length == 0)
        {
            return true;
        }
        foreach (var prefix in _metricPrefixes)
        {
            if (seriesId.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static string Canonical(string entry) => entry.Length.ToString(CultureInfo.InvariantCulture) + ":" + entry;

    public bool Equals(StreamFilter? other) => other is not null && other._canonical == _canonical;

    public override bool Equals(object? obj) => Equals(obj as StreamFilter);

    public override int GetHashCode() => _canonical.GetHashCode(StringComparison.Ordinal);
}

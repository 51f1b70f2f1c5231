using System.Diagnostics;
using System.Text.Json;
using ClickHouse.Http;

namespace StreamApi.History;

/// <summary>Milestones: the run's rows whose tags_json has a <c>milestone</c> key.</summary>
public sealed partial class ClickHouseHistoryReader
{
    /// <summary>The most milestones one answer holds (the oldest ones).</summary>
    public const int MaxMilestones = 1000;

    /// <summary>A tags_json longer than this is not read for a milestone name.</summary>
    private const int MaxMilestoneTagsLength = 65_536;

    /// <summary>
    /// The run's milestones, oldest first, at most <see cref="MaxMilestones"/>. The primary key narrows the read to the
    /// run's rows, of which only tags_json is scanned (an empty string for most rows); the name is taken from the JSON
    /// here, so a row whose tags merely mention the word, or are not JSON, is left out.
    /// </summary>
    public async Task<IReadOnlyList<MilestoneRow>> ReadMilestonesAsync(string runId, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var table = await GetTableAsync(cancellationToken);
        var milestones = new List<MilestoneRow>();
        if (!table.HasTags)
        {
            return milestones;
        }
        await ReadRowsAsync(
            $"SELECT metric, step, {table.TimeMs}, tags_json FROM {table.QualifiedName} " +
            $"WHERE {RunOnly} AND position(tags_json, '\"milestone\"') > 0 AND length(tags_json) <= {Number(MaxMilestoneTagsLength)} " +
            $"ORDER BY event_time, step, metric LIMIT {Number(MaxMilestones * 2)} FORMAT TabSeparated",
            Wanted(runId),
            (ref TabSeparatedFields fields, Utf8StringCache strings) =>
            {
                var metric = fields.NextString(strings);
                var step = (long)Math.Min(fields.NextUInt64(), long.MaxValue);
                var timeMs = fields.NextInt64();
                var tags = fields.NextString(strings);
                if (milestones.Count < MaxMilestones && MilestoneName(tags) is { } name)
                {
                    milestones.Add(new MilestoneRow(metric, step, timeMs, name));
                }
            },
            cancellationToken);
        metrics.HistoryQueries.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("kind", "milestones"));
        return milestones;
    }

    /// <summary>The value of the top-level key <c>milestone</c> as text, or null when there is none or the tags are not a JSON object.</summary>
    private static string? MilestoneName(string tags)
    {
        try
        {
            using var document = JsonDocument.Parse(tags);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("milestone", out var value))
            {
                return null;
            }
            return value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

using Contracts.Series;

namespace ClickHouse.Http;

/// <summary>
/// One row of the metric table as the dashboard reads it: the columns of <see cref="MetricTable.RowColumns"/>,
/// in that order. A NaN or infinite value is a value like any other.
/// </summary>
public readonly record struct MetricRow(SeriesKey Series, long Step, long TimeMs, double Value)
{
    public const int FieldCount = 8;

    /// <summary>The next row of <paramref name="reader"/>, if a complete one is buffered (see <see cref="TabSeparatedReader.TryReadLine"/>).</summary>
    public static bool TryRead(TabSeparatedReader reader, Utf8StringCache strings, out MetricRow row)
    {
        if (reader.TryReadLine(out var line))
        {
            row = Parse(line, strings);
            return true;
        }
        row = default;
        return false;
    }

    public static MetricRow Parse(ReadOnlySpan<byte> line, Utf8StringCache strings)
    {
        var fields = new TabSeparatedFields(line);
        var runId = fields.NextString(strings);
        var metric = fields.NextString(strings);
        var host = fields.NextString(strings);
        var rank = fields.NextUInt32();
        var device = fields.NextUInt16();
        // UInt64 in the table; a step beyond long's range is not a real step count, so it is pinned, not dropped.
        var step = (long)Math.Min(fields.NextUInt64(), long.MaxValue);
        var timeMs = fields.NextInt64();
        var value = fields.NextDouble();
        fields.End();
        return new MetricRow(new SeriesKey(runId, metric, host, rank, device), step, timeMs, value);
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Ingestor.Sources.ClickHouse;
using Ingestor.Telemetry;
using TestSupport.ClickHouse;

namespace Ingestor.Tests.Sources.ClickHouse;

public sealed class ClickHouseSourceMetersTests(ClickHouseServerFixture clickHouse)
{
    [Fact]
    public async Task Meters_CountRowsPollsAndErrors_TaggedWithTheSource()
    {
        await using var database = await clickHouse.CreateDatabaseAsync(withMetricTable: false);
        var recorded = new ConcurrentBag<(string Instrument, double Value, string? Source, string? Kind)>();
        Meter? ours = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == IngestorMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        // Other tests run sources at the same time: keep only this runner's meter.
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Meter == ours)
            {
                recorded.Add((instrument.Name, value, Tag(tags, "source"), Tag(tags, "kind")));
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Meter == ours)
            {
                recorded.Add((instrument.Name, value, Tag(tags, "source"), Tag(tags, "kind")));
            }
        });
        listener.Start();

        await using var runner = await SourceRunner.StartAsync(database.ConnectionString);
        ours = runner.Metrics.RowsRead.Meter;
        await runner.Sink.WaitUntilAsync(_ => runner.Status.Current.TableMissing, "the missing table");
        await database.CreateMetricTableAsync();
        await database.InsertAsync(new TestMetricPoint("metered", "loss", 1, 1, DateTimeOffset.UtcNow));
        await runner.Sink.WaitUntilAsync(sink => sink.SamplesOf("metered").Count == 1, "the row");
        await runner.WaitForPhaseAsync(SourcePhase.Polling);

        Assert.Contains(recorded, m => m is { Instrument: "dashboard.ingestor.source_errors", Source: "clickhouse", Kind: "table_missing" });
        Assert.Contains(recorded, m => m is { Instrument: "dashboard.ingestor.rows_read", Source: "clickhouse" } && m.Value >= 1);
        Assert.Contains(recorded, m => m is { Instrument: "dashboard.ingestor.poll_duration", Source: "clickhouse" });
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value as string;
            }
        }
        return null;
    }
}

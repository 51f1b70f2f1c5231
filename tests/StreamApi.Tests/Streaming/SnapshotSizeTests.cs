using System.Globalization;
using TestSupport;

namespace StreamApi.Tests.Streaming;

/// <summary>A size check, not a timing one: what the first page load of a large fleet costs on the wire.</summary>
public sealed class SnapshotSizeTests(ITestOutputHelper output)
{
    private const int Runs = 20;
    private const int Metrics = 30;
    private const int Points = 2000;
    private const long MaxWireBytes = 10_000_000;

    [Fact]
    public async Task Snapshot_OfTwentyRunsOfThirtyMetricsOf2000Points_IsAtMostTenMegabytesOnTheWire()
    {
        await using var rig = await StreamRig.StartAsync();
        for (var run = 0; run < Runs; run++)
        {
            for (var metric = 0; metric < Metrics; metric++)
            {
                // Full-precision doubles that no compressor can shorten much: a decaying curve with a wave, per run and metric.
                await rig.Ingestor.WriteAsync($"run-{run:D2}", $"metric_{metric:D2}", Enumerable.Range(0, Points).Select(step =>
                    ((long)step, (1 + (run / 10.0)) * (Math.Exp(-step / 700.0) + (0.05 * Math.Sin((step * 0.37) + metric))))));
            }
        }

        // The ingestor publishes and stores what it was given over the next seconds.
        var complete = 0;
        var (compact, snapshot) = await Eventually.ReturnsAsync<(CompactSnapshotClient, Contracts.Wire.SnapshotMessage)>(async () =>
        {
            var answer = await CompactSnapshotClient.GetAsync(rig.StreamApi.BaseAddress);
            var read = answer.Read();
            complete = read.Series.Count(series => series.Steps.Length == Points);
            return complete == Runs * Metrics ? (answer, read) : ((CompactSnapshotClient, Contracts.Wire.SnapshotMessage)?)null;
        }, "a snapshot of every series whole", TimeSpan.FromMinutes(2), () => $"{complete} of {Runs * Metrics} series whole");

        Assert.Equal(Runs * Metrics, snapshot.Series.Length);
        Assert.All(snapshot.Series, series => Assert.Equal(Points, series.Steps.Length));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{snapshot.Series.Length} series of {Points} points: {compact.Wire.Length:N0} bytes ({compact.ContentEncoding})"));
        Assert.Equal("br", compact.ContentEncoding);
        Assert.InRange(compact.Wire.Length, 1, MaxWireBytes);
    }
}

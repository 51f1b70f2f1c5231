using Contracts.Wire;
using Contracts.Wire.Binary;
using TestSupport;

namespace Shared.Tests.Wire;

/// <summary>
/// The dashboard reads compact snapshots in TypeScript (Frontend/app/src/wire/compactSnapshot.ts). Both sides test
/// the same bytes: this test that the writer makes exactly them, compactSnapshot.test.ts that the page reads them.
/// </summary>
public sealed class CompactSnapshotFixtureTests
{
    public static readonly string FixturePath = Path.Combine(RepositoryRoot.Path, "Frontend", "app", "src", "test", "compactSnapshot.fixture.hex");

    /// <summary>What the fixture holds; compactSnapshot.test.ts expects the same.</summary>
    public static SnapshotMessage Fixture { get; } = new()
    {
        Seq = 4181,
        Runs =
        [
            new RunMeta
            {
                RunId = "run a/b,c%",
                Source = "clickhouse",
                StartTime = DateTimeOffset.FromUnixTimeMilliseconds(1_795_391_398_536),
                LastEventTime = DateTimeOffset.FromUnixTimeMilliseconds(1_795_391_400_536),
                LatestStep = 9_007_199_254_740_991,
                IsActive = true,
                SeriesCount = 2,
            },
        ],
        Series =
        [
            new SeriesPoints
            {
                RunId = "run a/b,c%",
                SeriesId = "loss_t1{host=node-3,rank=2,device=1}",
                Metric = "loss_t1",
                Host = "node-3",
                Rank = 2,
                Device = 1,
                TotalPoints = 48_213,
                BucketWidth = 32,
                Steps = [0, 45, 70, 9_007_199_254_740_991],
                TimesMs = [1_795_391_398_536, 1_795_391_399_536, 1_795_391_300_000, 1_795_391_400_536],
                Values = [2.31, 2.1700000000000004, double.NaN, -0.0],
                Mins = [2.29, 2.1700000000000004, double.NaN, -1e-300],
                Maxs = [2.4, 2.9, double.NaN, double.PositiveInfinity],
                NonFinite = [0, 0, 3, 1],
            },
            new SeriesPoints
            {
                RunId = "run a/b,c%",
                SeriesId = "learning_rate",
                Metric = "learning_rate",
                TotalPoints = 3,
                Steps = [-2, -1, 0],
                TimesMs = [1000, 2000, 3000],
                Values = [0.001, 0.0009, 5e-324],
                Mins = [0.001, 0.0009, 5e-324],
                Maxs = [0.001, 0.0009, 5e-324],
            },
        ],
    };

    [Fact]
    public void Write_MakesTheBytesTheDashboardReads()
    {
        using var written = new MemoryStream();
        CompactSnapshot.Write(written, Fixture.Seq, Fixture.Runs, [.. Fixture.Series.Select(SeriesBlock.Encode)]);
        var hex = Convert.ToHexString(written.ToArray());

        Assert.True(File.Exists(FixturePath), $"{FixturePath} is missing; after a deliberate change of the layout it holds:{Environment.NewLine}{hex}");
        Assert.Equal(File.ReadAllText(FixturePath).Trim(), hex);
        Assert.Equal(Fixture.Series[0].Maxs, CompactSnapshot.Read(written.ToArray()).Series[0].Maxs);
    }
}

using Decimation;

namespace Shared.Tests.Decimation;

public sealed class SeriesDecimatorRestoreTests
{
    private const int MaxPoints = 200;

    [Fact]
    public void Restore_ShowsExactlyTheStoredOutput()
    {
        var original = Noisy(steps: 5_000, nanEvery: 97);
        var stored = original.GetPoints().ToArray();

        var restored = SeriesDecimator.Restore(MaxPoints, original.BucketWidth, original.TotalPoints, stored);

        Assert.Equal(stored, restored.GetPoints().ToArray());
        Assert.Equal(original.BucketWidth, restored.BucketWidth);
        Assert.Equal(original.TotalPoints, restored.TotalPoints);
        Assert.Equal(DecimationChangeKind.Replace, restored.TakeChange().Kind);
    }

    [Fact]
    public void Restore_KeepsTheEnvelopeAndCounts_WhenTheSeriesGoesOnAndCoarsens()
    {
        var original = Noisy(steps: 5_000, nanEvery: 97);
        var restored = SeriesDecimator.Restore(MaxPoints, original.BucketWidth, original.TotalPoints, original.GetPoints().ToArray());

        // Far enough that the width doubles twice: restored buckets merge with each other and with new ones.
        for (var step = 5_000L; step < 20_000; step++)
        {
            var value = Value(step, nanEvery: 97);
            original.Add(step, step * 1000, value);
            restored.Add(step, step * 1000, value);
        }

        var expected = original.GetPoints().ToArray();
        var actual = restored.GetPoints().ToArray();
        Assert.Equal(original.BucketWidth, restored.BucketWidth);
        Assert.Equal(original.TotalPoints, restored.TotalPoints);
        Assert.Equal(expected.Select(p => p.Min), actual.Select(p => p.Min));
        Assert.Equal(expected.Select(p => p.Max), actual.Select(p => p.Max));
        Assert.Equal(expected.Select(p => p.NonFinite), actual.Select(p => p.NonFinite));
        Assert.Equal(expected[^1], actual[^1]);
        Assert.Equal(expected[0], actual[0]);
    }

    [Fact]
    public void Restore_OfNothing_IsAnEmptyDecimator()
    {
        var restored = SeriesDecimator.Restore(MaxPoints, bucketWidth: 1, totalPoints: 0, []);

        Assert.Equal(0, restored.Count);
        Assert.Equal(DecimationChangeKind.None, restored.TakeChange().Kind);
    }

    [Fact]
    public void Restore_RefusesWhatCannotBeADecimatorsOutput()
    {
        var point = new DecimatedPoint(4, 4000, 1, 1, 1, 0);

        Assert.Throws<ArgumentException>(() => SeriesDecimator.Restore(MaxPoints, bucketWidth: 3, totalPoints: 1, [point]));
        Assert.Throws<ArgumentException>(() => SeriesDecimator.Restore(MaxPoints, bucketWidth: 4, totalPoints: 2, [point, point with { Step = 5 }]));
        Assert.Throws<ArgumentException>(() => SeriesDecimator.Restore(4, bucketWidth: 1, totalPoints: 5,
            [.. Enumerable.Range(0, 5).Select(i => point with { Step = i })]));
    }

    private static SeriesDecimator Noisy(int steps, int nanEvery)
    {
        var decimator = new SeriesDecimator(MaxPoints);
        for (var step = 0L; step < steps; step++)
        {
            decimator.Add(step, step * 1000, Value(step, nanEvery));
        }
        return decimator;
    }

    private static double Value(long step, int nanEvery) =>
        step % nanEvery == 0 ? double.NaN : Math.Exp(-step / 4000.0) + 0.1 * Math.Sin(step * 0.37) + (step % 613 == 0 ? 5 : 0);
}

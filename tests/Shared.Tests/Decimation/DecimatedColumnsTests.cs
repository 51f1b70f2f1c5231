using Decimation;

namespace Shared.Tests.Decimation;

public sealed class DecimatedColumnsTests
{
    [Fact]
    public void From_SplitsPointsIntoColumns_AndLeavesNonFiniteOut_WhenAllAreFinite()
    {
        DecimatedPoint[] points = [new(0, 10, 1.5, 1, 2, 0), new(32, 20, 2.5, 2, 3, 0)];

        var columns = DecimatedColumns.From(points);

        Assert.Equal([0L, 32L], columns.Steps);
        Assert.Equal([10L, 20L], columns.TimesMs);
        Assert.Equal([1.5, 2.5], columns.Values);
        Assert.Equal([1.0, 2.0], columns.Mins);
        Assert.Equal([2.0, 3.0], columns.Maxs);
        Assert.Null(columns.NonFinite);
    }

    [Fact]
    public void From_CountsNonFinitePerPoint_WhenAnyPointHasSome()
    {
        DecimatedPoint[] points = [new(0, 10, 1.5, 1, 2, 0), new(1, 20, double.NaN, double.NaN, double.NaN, 3)];

        var columns = DecimatedColumns.From(points);

        Assert.NotNull(columns.NonFinite);
        Assert.Equal([0, 3], columns.NonFinite);
        Assert.True(double.IsNaN(columns.Values[1]));
    }

    [Fact]
    public void From_GivesEmptyColumns_ForNoPoints()
    {
        var columns = DecimatedColumns.From([]);

        Assert.Empty(columns.Steps);
        Assert.Null(columns.NonFinite);
    }
}

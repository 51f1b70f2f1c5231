using Decimation;

namespace Shared.Tests.Decimation;

/// <summary>Point lists compared bit for bit: record equality takes 0 and −0 for equal, a chart does not.</summary>
public static class BitExact
{
    public static void Equal(ReadOnlySpan<DecimatedPoint> expected, IReadOnlyList<DecimatedPoint> actual, string context)
    {
        Assert.True(expected.Length == actual.Count, $"{context}: {actual.Count} points held, the decimator has {expected.Length}");
        for (var i = 0; i < expected.Length; i++)
        {
            if (!Same(expected[i], actual[i]))
            {
                Assert.Fail($"{context}: point {i} held is {actual[i]}, the decimator has {expected[i]}");
            }
        }
    }

    public static bool Same(in DecimatedPoint a, in DecimatedPoint b) =>
        a.Step == b.Step && a.TimeMs == b.TimeMs && a.NonFinite == b.NonFinite
        && Bits(a.Value) == Bits(b.Value) && Bits(a.Min) == Bits(b.Min) && Bits(a.Max) == Bits(b.Max);

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}

using System.Runtime.CompilerServices;

namespace Decimation;

/// <summary>The area LTTB maximises: the triangle of the previous choice a, the candidate b and the next bucket's average c.</summary>
internal static class TriangleArea
{
    /// <summary>Twice the area: the factor one half does not change which candidate wins.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Doubled(double ax, double ay, double bx, double by, double cx, double cy) =>
        Math.Abs((bx - ax) * (cy - ay) - (cx - ax) * (by - ay));
}

using System.Text;
using System.Text.Json;
using Contracts.Series;
using Contracts.Wire;
using Decimation;

namespace Shared.Tests.Decimation;

/// <summary>
/// Recorded op sequences for the browser's test of its coarsen (Frontend/app/src/data/coarsen.test.ts): what the
/// Ingestor sends for random arrivals, as wire JSON, with the decimator's output after every coarsen and at the end.
/// Steps stay far below 2^53, so the browser's numbers hold them exactly.
/// </summary>
public static class CoarsenSequences
{
    /// <summary>Where the browser's test reads them, relative to the repository root.</summary>
    public const string RelativePath = "Frontend/app/src/test/coarsenSequences.json";

    private const int Rounds = 100;

    /// <summary>Caps large enough that a doubling leaves merged points before the tail it sends, which only the
    /// client's own merge can get right.</summary>
    private static readonly (ArrivalPattern Pattern, int MaxPoints)[] Scenarios =
    [
        (ArrivalPattern.InOrder, 16),
        (ArrivalPattern.LatePoints, 16),
        (ArrivalPattern.RepeatedSteps, 12),
        (ArrivalPattern.NonFiniteRuns, 16),
        (ArrivalPattern.Plateaus, 16),
        (ArrivalPattern.SparseSteps, 12),
        (ArrivalPattern.NegativeSteps, 16),
    ];

    /// <summary>The file's text: one line per message, so that a change shows as a readable diff.</summary>
    public static string Generate()
    {
        var text = new StringBuilder("{\"scenarios\":[\n");
        for (var s = 0; s < Scenarios.Length; s++)
        {
            var (pattern, maxPoints) = Scenarios[s];
            text.Append("{\"name\":\"").Append(pattern).Append(", at most ").Append(maxPoints).Append(" points\",\"steps\":[\n");
            AppendSteps(text, pattern, maxPoints, seed: 100 + s);
            text.Append(s == Scenarios.Length - 1 ? "]}\n" : "]},\n");
        }
        return text.Append("]}\n").ToString();
    }

    private static void AppendSteps(StringBuilder text, ArrivalPattern pattern, int maxPoints, int seed)
    {
        var arrivals = new RandomArrivals(pattern, seed);
        var decimator = new SeriesDecimator(maxPoints);
        var key = new SeriesKey("run-1", "loss");
        var first = true;
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var (step, timeMs, value) in arrivals.NextBatch())
            {
                decimator.Add(step, timeMs, value);
            }

            var change = decimator.TakeChange();
            if (change.Kind == DecimationChangeKind.None)
            {
                continue;
            }

            var op = change.Kind switch
            {
                DecimationChangeKind.Tail => SeriesOp.Tail,
                DecimationChangeKind.Coarsen => SeriesOp.Coarsen,
                _ => SeriesOp.Replace,
            };
            long? fromStep = op == SeriesOp.Replace ? null : change.FromStep;
            var points = fromStep is { } from ? decimator.GetPointsFrom(from) : decimator.GetPoints();
            var message = DecimatedColumns.From(points).ToSeriesPoints(key, key.SeriesId, decimator.TotalPoints, decimator.BucketWidth, op, fromStep);
            text.Append(first ? "" : ",\n").Append("{\"message\":").Append(Json(message));
            first = false;
            if (op == SeriesOp.Coarsen || round == Rounds - 1)
            {
                var expected = DecimatedColumns.From(decimator.GetPoints()).ToSeriesPoints(key, key.SeriesId, decimator.TotalPoints, decimator.BucketWidth);
                text.Append(",\"expected\":").Append(Json(expected));
            }
            text.Append('}');
        }
        text.Append('\n');
    }

    private static string Json(SeriesPoints series) => JsonSerializer.Serialize(series, WireJsonContext.Default.SeriesPoints);
}

using System.Text.Json;
using Contracts.Wire;
using TestSupport;
using TestSupport.Sse;

namespace Shared.Tests.Decimation;

/// <summary>
/// The browser's coarsen is tested against sequences recorded from this decimator (<see cref="CoarsenSequences"/>);
/// this keeps the recording current. After a deliberate change to the decimation, rewrite it by running this test
/// with UPDATE_COARSEN_SEQUENCES=1.
/// </summary>
public sealed class CoarsenSequencesTests
{
    private static readonly string FilePath = Path.Combine(RepositoryRoot.Path, CoarsenSequences.RelativePath);

    [Fact]
    public void TheBrowsersRecording_IsWhatTheDecimatorSendsNow()
    {
        var generated = CoarsenSequences.Generate();
        if (Environment.GetEnvironmentVariable("UPDATE_COARSEN_SEQUENCES") == "1")
        {
            File.WriteAllText(FilePath, generated);
        }

        var recorded = File.ReadAllText(FilePath).ReplaceLineEndings("\n");
        Assert.True(recorded == generated,
            $"{CoarsenSequences.RelativePath} is not what the decimator sends now; rewrite it with UPDATE_COARSEN_SEQUENCES=1 if the change is meant.");
    }

    [Fact]
    public void TheRecording_HasCoarsens_AndAClientApplyingItHoldsTheExpectedPoints()
    {
        using var recording = JsonDocument.Parse(CoarsenSequences.Generate());
        foreach (var scenario in recording.RootElement.GetProperty("scenarios").EnumerateArray())
        {
            var held = new HeldSeries();
            var coarsens = 0;
            foreach (var step in scenario.GetProperty("steps").EnumerateArray())
            {
                var message = step.GetProperty("message").Deserialize(WireJsonContext.Default.SeriesPoints)!;
                held.Apply(message);
                coarsens += message.Op == SeriesOp.Coarsen ? 1 : 0;
                if (step.TryGetProperty("expected", out var expected))
                {
                    var points = HeldSeries.From(expected.Deserialize(WireJsonContext.Default.SeriesPoints)!).Points;
                    BitExact.Equal([.. points], held.Points, scenario.GetProperty("name").GetString()!);
                }
            }

            Assert.True(coarsens >= 3, $"{scenario.GetProperty("name").GetString()}: only {coarsens} coarsens");
        }
    }
}

using System.Text.Json;
using TensorBoard;

namespace Shared.Tests.TensorBoard;

/// <summary>Reads the fixture event files and the EventAccumulator's reading of them (expected.json).</summary>
internal static class FixtureEvents
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "TestData", "tensorboard");

    public static string RunDirectory(string run) => Path.Combine(Root, "runs", run);

    /// <summary>Every record's parsed values of every event file in the run directory, in file order.</summary>
    public static (Dictionary<string, List<(long Step, double Value, double WallTime)>> Scalars, HashSet<string> Histograms) Read(string run)
    {
        var scalars = new Dictionary<string, List<(long, double, double)>>();
        var histograms = new HashSet<string>();
        var parser = new TensorBoardEventParser();
        var e = new TensorBoardEvent();
        foreach (var file in Directory.GetFiles(RunDirectory(run), "events.out.tfevents.*").Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(file);
            using var reader = new TfRecordReader(stream, 0);
            TfRecordReadStatus status;
            while ((status = reader.Read()) != TfRecordReadStatus.End)
            {
                Assert.Equal(TfRecordReadStatus.Record, status);
                Assert.True(parser.TryParse(reader.Data.Span, e));
                foreach (var value in e.Values)
                {
                    if (value.Kind == TensorBoardValueKind.Scalar)
                    {
                        if (!scalars.TryGetValue(value.Tag, out var rows))
                        {
                            scalars[value.Tag] = rows = [];
                        }
                        rows.Add((e.Step, value.Scalar, e.WallTime));
                    }
                    else if (value.Kind == TensorBoardValueKind.Histogram)
                    {
                        histograms.Add(value.Tag);
                    }
                }
            }
            Assert.Equal(stream.Length, reader.CompleteOffset);
        }
        return (scalars, histograms);
    }

    /// <summary>expected.json: scalars and tensors of a run (both are scalar series to us) and its histogram tags.</summary>
    public static (Dictionary<string, List<(long Step, double Value, double WallTime)>> Scalars, HashSet<string> Histograms) Expected(string run)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Root, "expected.json")));
        var element = document.RootElement.GetProperty(run);
        var scalars = new Dictionary<string, List<(long, double, double)>>();
        foreach (var section in new[] { "scalars", "tensors" })
        {
            foreach (var tag in element.GetProperty(section).EnumerateObject())
            {
                scalars[tag.Name] = [.. tag.Value.EnumerateArray().Select(row => (row[0].GetInt64(), ParseValue(row[1]), row[2].GetDouble()))];
            }
        }
        var histograms = element.GetProperty("histograms").EnumerateArray().Select(h => h.GetString()!).ToHashSet();
        return (scalars, histograms);
    }

    private static double ParseValue(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? value.GetString() switch
        {
            "nan" => double.NaN,
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            var other => throw new FormatException($"Unexpected value {other}"),
        }
        : value.GetDouble();
}

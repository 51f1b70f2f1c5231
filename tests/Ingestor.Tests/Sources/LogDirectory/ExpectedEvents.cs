using System.Text.Json;

namespace Ingestor.Tests.Sources.LogDirectory;

/// <summary>What TensorBoard's EventAccumulator read from the fixture event files (expected.json).</summary>
internal static class ExpectedEvents
{
    public static List<(long Step, double Value, double WallTime)> Scalars(string run, string tag)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(ScannerHarness.TestData("tensorboard", "expected.json")));
        var element = document.RootElement.GetProperty(run);
        var rows = element.GetProperty("scalars").TryGetProperty(tag, out var scalars) ? scalars : element.GetProperty("tensors").GetProperty(tag);
        return [.. rows.EnumerateArray().Select(row => (row[0].GetInt64(), Value(row[1]), row[2].GetDouble()))];
    }

    public static string[] Histograms(string run)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(ScannerHarness.TestData("tensorboard", "expected.json")));
        return [.. document.RootElement.GetProperty(run).GetProperty("histograms").EnumerateArray().Select(h => h.GetString()!)];
    }

    private static double Value(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? value.GetString() switch { "nan" => double.NaN, "inf" => double.PositiveInfinity, "-inf" => double.NegativeInfinity, var s => throw new FormatException(s) }
        : value.GetDouble();
}

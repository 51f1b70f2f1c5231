using System.Globalization;
using BrowserBench;

// The dashboard in headless Chromium against the real system: time to the first chart with a large snapshot,
// frame costs while deltas flow, and memory over time (measure.mjs prints them).
// Usage: dotnet run -c Release --project bench/BrowserBench --
//          [runs 20] [metrics 30] [points 2000] [deltas/s 10, 0 = none] [live seconds 30] [heap sample s 0] [page loads 1]
int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

var runs = new SyntheticRuns(Arg(0, 20), Math.Min(Arg(1, 30), SyntheticRuns.MaxMetrics), Arg(2, 2000));
var deltasPerSecond = Arg(3, 10);
var liveSeconds = Arg(4, 30);
var heapSampleSeconds = Arg(5, 0);
var pageLoads = Arg(6, 1);
Console.WriteLine($"{runs.Runs} runs x {runs.Metrics} metrics x {runs.Points} points = {runs.Series} series; {deltasPerSecond} deltas/s");

var pollInterval = deltasPerSecond > 0 ? TimeSpan.FromSeconds(1.0 / deltasPerSecond) : TimeSpan.FromSeconds(1);
await using var system = await BenchSystem.StartAsync(runs, pollInterval);
await using var writer = new LiveWriter(system.Database, runs, deltasPerSecond);
if (deltasPerSecond > 0)
{
    writer.Start();
}
Console.WriteLine($"dashboard {system.Services.GatewayAddress} (StreamApi {system.Services.StreamApi.BaseAddress})");
var exitCode = 0;
for (var load = 0; load < pageLoads && exitCode == 0; load++)
{
    exitCode = await MeasureScript.RunAsync(system.Services.GatewayAddress, liveSeconds, heapSampleSeconds);
}
Console.WriteLine($"writer: {writer.Inserts} inserts of {runs.Series} rows, {writer.Failures} failed, slowest {writer.SlowestInsert.TotalMilliseconds:F0} ms");
return exitCode;

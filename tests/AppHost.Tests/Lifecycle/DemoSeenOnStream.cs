using System.Net.ServerSentEvents;
using System.Text.Json;

namespace AppHost.Tests.Lifecycle;

/// <summary>
/// Which demo runs and series a dashboard has been told about so far, from the snapshot, runs_meta and delta events,
/// and which runs were updated after it had all of them.
/// </summary>
internal sealed class DemoSeenOnStream
{
    /// <summary>The log files, the TensorBoard event file and the checkpoint of one directory are one run.</summary>
    private static readonly string[] LiveIconMetrics =
        ["Loss/batch", "Loss/mean_per_timestep", "checkpoint_save", "Learning_rate", "Timestep/current", "Parameters/weight/mean", "Gradients/bias/max"];

    private static readonly string[] MoeMetrics = ["loss_t1", "sys.gpu.0.util_percent", "moe.aux_loss", "progress.percent"];

    private readonly HashSet<string> _runs = new(StringComparer.Ordinal);
    private readonly HashSet<(string Run, string Metric)> _series = [];
    private readonly HashSet<string> _updatedSinceComplete = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> UpdatedRuns => _updatedSinceComplete;

    public static bool IsLiveLlmRun(string run) =>
        run.StartsWith("demo-llm-7b-", StringComparison.Ordinal) && !run.Contains("baseline", StringComparison.Ordinal);

    public void Apply(SseItem<string> item)
    {
        var wasComplete = Missing().Count == 0;
        using var json = JsonDocument.Parse(item.Data);
        var root = json.RootElement;
        if (item.EventType is "snapshot" or "runs_meta")
        {
            _runs.UnionWith(root.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("run_id").GetString()!));
        }
        if (item.EventType is "snapshot" or "delta")
        {
            foreach (var series in root.GetProperty("series").EnumerateArray())
            {
                var run = series.GetProperty("run_id").GetString()!;
                _series.Add((run, series.GetProperty("metric").GetString()!));
                if (wasComplete && item.EventType == "delta")
                {
                    _updatedSinceComplete.Add(run);
                }
            }
        }
    }

    public bool UpdatedSinceComplete(string run) => _updatedSinceComplete.Contains(run);

    public bool UpdatedSinceComplete(Func<string, bool> run) => _updatedSinceComplete.Any(run);

    /// <summary>What the dashboard has not been told about yet, in words.</summary>
    public List<string> Missing()
    {
        List<string> missing = [];
        foreach (var run in (string[])[DashboardSystemTests.LiveIconRun, DashboardSystemTests.FinishedIconRun])
        {
            if (!_runs.Contains(run))
            {
                missing.Add($"run {run}");
            }
        }
        if (!_runs.Any(r => r.StartsWith("demo-llm-7b-baseline-", StringComparison.Ordinal)))
        {
            missing.Add("run demo-llm-7b-baseline-*");
        }
        missing.AddRange(LiveIconMetrics.Where(m => !_series.Contains((DashboardSystemTests.LiveIconRun, m))).Select(m => $"{DashboardSystemTests.LiveIconRun} {m}"));
        var moe = _runs.FirstOrDefault(r => r.StartsWith("demo-moe-1b-", StringComparison.Ordinal));
        if (moe is null)
        {
            missing.Add("run demo-moe-1b-*");
        }
        else
        {
            missing.AddRange(MoeMetrics.Where(m => !_series.Contains((moe, m))).Select(m => $"{moe} {m}"));
        }
        return missing;
    }
}

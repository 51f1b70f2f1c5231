using System.Diagnostics;
using ClickHouse.Http;
using TestSupport.ClickHouse;

namespace BrowserBench;

/// <summary>Inserts the next step of every series, <c>rate</c> times a second, until stopped: the trainers of the fleet.</summary>
internal sealed class LiveWriter(ClickHouseTestDatabase database, SyntheticRuns runs, double rate) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public long Inserts { get; private set; }

    public long Failures { get; private set; }

    public TimeSpan SlowestInsert { get; private set; }

    public void Start() => _loop = RunAsync(_stop.Token);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / rate));
        long step = runs.Points;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await database.InsertTabSeparatedAsync(runs.StepRows(step, DateTimeOffset.UtcNow));
                    step++;
                    Inserts++;
                }
                catch (Exception exception) when (exception is ClickHouseException or HttpRequestException)
                {
                    Failures++;
                }
                var elapsed = Stopwatch.GetElapsedTime(started);
                if (elapsed > SlowestInsert)
                {
                    SlowestInsert = elapsed;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Ingestor.Telemetry;

namespace Ingestor.Tests.Sources.ClickHouse.RunSettings;

/// <summary>The <c>kind</c> of every source error one runner counts (other tests' runners record on meters of their own).</summary>
internal sealed class SourceErrorKinds : IDisposable
{
    private readonly MeterListener _listener = new();
    private volatile Meter? _watched;

    public SourceErrorKinds()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == IngestorMetrics.MeterName && instrument.Name == "dashboard.ingestor.source_errors")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (instrument.Meter == _watched && tag.Key == "kind")
                {
                    Kinds.Add((string)tag.Value!);
                }
            }
        });
        _listener.Start();
    }

    public ConcurrentBag<string> Kinds { get; } = [];

    public void Watch(IngestorMetrics metrics) => _watched = metrics.SourceErrors.Meter;

    public void Dispose() => _listener.Dispose();
}

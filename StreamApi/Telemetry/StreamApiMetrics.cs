using System.Diagnostics.Metrics;

namespace StreamApi.Telemetry;

/// <summary>StreamApi's own instruments, on meter <see cref="MeterName"/> (exported by ServiceDefaults' wildcard).</summary>
public sealed class StreamApiMetrics
{
    public const string MeterName = "Dashboard.StreamApi";

    public StreamApiMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        ConnectedClients = meter.CreateUpDownCounter<long>("dashboard.streamapi.connected_clients", "{client}", "SSE clients connected now.");
        EventsSent = meter.CreateCounter<long>("dashboard.streamapi.events_sent", "{event}", "SSE events written to clients; tagged with type.");
        ClientsResynced = meter.CreateCounter<long>("dashboard.streamapi.clients_resynced", "{client}", "Clients sent a fresh snapshot; tagged with reason (gap, slow).");
        ClientsDropped = meter.CreateCounter<long>("dashboard.streamapi.clients_dropped", "{client}", "Clients disconnected for falling behind again and again.");
        CompactSnapshots = meter.CreateCounter<long>("dashboard.streamapi.compact_snapshots", "{snapshot}", "Answers of GET /snapshot; tagged with encoding (br, gzip, identity) and not_modified.");
        HistoryQueries = meter.CreateHistogram<double>("dashboard.streamapi.history_query_duration", "s", "Duration of a full-resolution history read.");
    }

    public UpDownCounter<long> ConnectedClients { get; }

    public Counter<long> EventsSent { get; }

    public Counter<long> ClientsResynced { get; }

    public Counter<long> ClientsDropped { get; }

    public Counter<long> CompactSnapshots { get; }

    public Histogram<double> HistoryQueries { get; }
}

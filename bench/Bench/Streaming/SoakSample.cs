using System.Globalization;

namespace Bench.Streaming;

/// <summary>One row of the soak's table: the processes' memory and the clients' state at the end of a minute.</summary>
internal sealed record SoakSample(
    int Minute,
    long StreamApiResidentBytes,
    long StreamApiLiveHeapBytes,
    double StreamApiCores,
    long IngestorResidentBytes,
    int ClientsReading,
    int ServerConnections,
    long Events,
    double LagP50,
    double LagP99,
    int Resyncs,
    int Disconnected)
{
    public const string Header =
        "| minute | StreamApi RSS MiB | StreamApi live heap MiB | StreamApi cores | Ingestor RSS MiB | clients reading / server connections | events received | lag p50 ms | lag p99 ms | resyncs | disconnected |\n"
        + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Minute} | {Mib(StreamApiResidentBytes)} | {Mib(StreamApiLiveHeapBytes)} | {StreamApiCores:F2} | {Mib(IngestorResidentBytes)} | {ClientsReading} / {ServerConnections} | {Events} | {LagP50:F0} | {LagP99:F0} | {Resyncs} | {Disconnected} |");

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);
}

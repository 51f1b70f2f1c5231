using System.Diagnostics;
using System.IO.Pipelines;
using ClickHouse.Http;
using TestSupport.ClickHouse;

namespace ClickHouseBench;

/// <summary>Parsing alone: a TabSeparated answer of metric rows, from memory, rows per second and bytes allocated per row.</summary>
internal static class ParseScenario
{
    public static async Task RunAsync(ClickHouseServerProcess server)
    {
        const int Rows = 1_000_000;
        await using var database = await server.CreateDatabaseAsync(withMetricTable: false);
        await using var response = await database.Client.QueryAsync(
            "SELECT concat('run-', toString(number % 3)), 'loss_t1', concat('node-', toString(intDiv(number, 100000))), number % 8, 0, number, " +
            $"toInt64(1764100000000 + number * 37), sin(number) FROM system.numbers LIMIT {Rows} FORMAT TabSeparated");
        using var copy = new MemoryStream();
        while (await response.Rows.ReadMoreAsync(CancellationToken.None))
        {
            while (response.Rows.TryReadLine(out var line))
            {
                copy.Write(line);
                copy.WriteByte((byte)'\n');
            }
        }
        var bytes = copy.ToArray();

        for (var round = 0; round < 5; round++)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            var reader = new TabSeparatedReader(PipeReader.Create(new MemoryStream(bytes), new StreamPipeReaderOptions(bufferSize: 64 * 1024)));
            var strings = new Utf8StringCache();
            var count = 0;
            var checksum = 0.0;
            while (await reader.ReadMoreAsync(CancellationToken.None))
            {
                while (MetricRow.TryRead(reader, strings, out var row))
                {
                    count++;
                    checksum += row.Value;
                }
            }
            var elapsed = Stopwatch.GetElapsedTime(started);
            var perRow = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)count;
            Console.WriteLine($"parse: {count:N0} rows ({bytes.Length / 1e6:F1} MB) in {elapsed.TotalMilliseconds:F0} ms = {count / elapsed.TotalSeconds / 1e6:F2} M rows/s, {perRow:F1} B allocated/row (checksum {checksum:F3})");
        }
    }
}

using ClickHouseBench;
using TestSupport.ClickHouse;

// Measures the ClickHouse paths against a real clickhouse-server on loopback and prints the numbers.
// Usage: dotnet run -c Release --project bench/ClickHouseBench [backfill rows, default 3000000]
var backfillRows = args.Length > 0 ? long.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 3_000_000;

await using var server = await ClickHouseServerProcess.StartNewAsync();
Console.WriteLine($"clickhouse-server on 127.0.0.1:{server.HttpPort}");

await ParseScenario.RunAsync(server);
await BackfillScenario.RunAsync(server, backfillRows);
await PollLatencyScenario.RunAsync(server);

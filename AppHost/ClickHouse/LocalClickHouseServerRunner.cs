using System.ComponentModel;
using AppHost.Hosting;
using AppHost.Model;
using AppHost.Orchestration;
using AppHost.Processes;

namespace AppHost.ClickHouse;

/// <summary>
/// A <c>clickhouse-server</c> from the PATH with its data under AppHost's data directory, listening on loopback
/// only. It counts as started once it answers <c>/ping</c> and the dashboard's schema exists. Like the local Redis
/// it keeps nothing from one start to the next: its ports are new every time, so only this AppHost's demo can have
/// written to it, and keeping the data would pile up the demo runs of every earlier start.
/// </summary>
public sealed class LocalClickHouseServerRunner(ClickHouseResource clickhouse, AppHostOptions options,
    SupervisedProcessFactory processes, HttpClient http, TimeProvider timeProvider) : IResourceRunner
{
    private readonly ClickHouseHttpClient client = new(http, clickhouse.ConnectionString);
    private SupervisedProcess? process;

    public Resource Resource => clickhouse;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = clickhouse.DataDirectory!;
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
        foreach (var sub in (string[])["tmp", "user_files", "format_schemas", "log"])
        {
            Directory.CreateDirectory(Path.Combine(directory, sub));
        }
        process = processes.Create(clickhouse.Name, clickhouse.Name, () => new ProcessSpec(
            ExecutableLookup.Find(options.ClickHouseServerPath) ?? options.ClickHouseServerPath,
            [
                $"--config-file={options.ClickHouseConfigFile}",
                "--",
                $"--path={directory}/",
                $"--tmp_path={directory}/tmp/",
                $"--user_files_path={directory}/user_files/",
                $"--format_schema_path={directory}/format_schemas/",
                $"--http_port={clickhouse.HttpPort}",
                $"--tcp_port={clickhouse.TcpPort}",
                $"--interserver_http_port={clickhouse.InterserverPort}",
                "--listen_host=127.0.0.1",
                $"--logger.log={directory}/log/clickhouse-server.log",
                $"--logger.errorlog={directory}/log/clickhouse-server.err.log",
            ],
            directory,
            // Current servers fork a watchdog parent by default; one process is what the supervisor expects.
            new Dictionary<string, string?> { ["CLICKHOUSE_WATCHDOG_ENABLE"] = "0" }));
        try
        {
            await process.StartAsync();
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"'{options.ClickHouseServerPath}' could not be started ({exception.Message}). Install clickhouse-server, " +
                "set AppHost__ClickHouseServerPath, or run without ClickHouse (AppHost__ClickHouse=None).", exception);
        }

        while (!await client.PingAsync(cancellationToken))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), timeProvider, cancellationToken);
        }
        await ClickHouseSchema.CreateAsync(client, cancellationToken);
    }

    public async Task<HealthCheck> CheckHealthAsync(CancellationToken cancellationToken) =>
        await client.PingAsync(cancellationToken) ? HealthCheck.Healthy : HealthCheck.Unhealthy("/ping does not answer");

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (process is not null)
        {
            await process.StopAsync(processes.StopTimeout);
        }
    }
}

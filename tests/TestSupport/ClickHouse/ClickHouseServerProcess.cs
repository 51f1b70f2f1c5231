using System.Diagnostics;
using System.Globalization;
using ClickHouse.Http;
using TestSupport.Processes;

namespace TestSupport.ClickHouse;

/// <summary>
/// A real clickhouse-server (18.16 from Debian here) on free loopback ports with its data in a temporary
/// directory, started from a configuration of our own so nothing depends on /etc. It logs every query to
/// system.query_log so tests can check how many rows a query read. Stop and start it again to simulate an
/// outage: the data survives, the ports stay the same. Killed at dispose.
/// </summary>
public sealed class ClickHouseServerProcess : IAsyncDisposable
{
    private readonly TempDirectory _directory = new("clickhouse");
    private Process? _process;

    private ClickHouseServerProcess()
    {
        HttpPort = FreePort.Next();
        TcpPort = FreePort.Next();
        File.WriteAllText(_directory.Combine("config.xml"), ServerConfiguration());
        File.WriteAllText(_directory.Combine("users.xml"), UsersConfiguration);
    }

    public int HttpPort { get; }

    public int TcpPort { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>ClickHouse.Driver form, as services take it in ConnectionStrings__clickhouse.</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={HttpPort};Database={database};Username=default;Password=;Compression=false";

    public static async Task<ClickHouseServerProcess> StartNewAsync()
    {
        var server = new ClickHouseServerProcess();
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }
        _process = InstalledServer.Start(new ProcessStartInfo("clickhouse-server")
        {
            ArgumentList = { "--config-file=" + _directory.Combine("config.xml") },
            WorkingDirectory = _directory.Path,
        });
        await WaitUntilAnswersAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Kills the server as a crash or a network cut would; the data directory stays.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            await process.KillAndDisposeAsync();
            _process = null;
        }
    }

    /// <summary>A fresh database with the metric table in it, for one test.</summary>
    public async Task<ClickHouseTestDatabase> CreateDatabaseAsync(bool withMetricTable = true)
    {
        var database = "test_" + Guid.NewGuid().ToString("N");
        var client = new ClickHouseHttpClient(ClickHouseSettings.Parse(ConnectionString("default")));
        try
        {
            await client.ExecuteAsync($"CREATE DATABASE {database}");
        }
        finally
        {
            client.Dispose();
        }
        var testDatabase = new ClickHouseTestDatabase(this, database);
        if (withMetricTable)
        {
            await testDatabase.CreateMetricTableAsync();
        }
        return testDatabase;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _directory.Dispose();
    }

    private async Task WaitUntilAnswersAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.HoldsAsync(async () =>
        {
            if (_process is null || _process.HasExited)
            {
                throw new InvalidOperationException($"clickhouse-server exited at start: {ErrorLogTail()}");
            }
            try
            {
                using var answer = await http.GetAsync(new Uri($"http://127.0.0.1:{HttpPort}/ping"));
                return answer.IsSuccessStatusCode;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, "clickhouse-server to answer", timeout, ErrorLogTail);
    }

    private string ErrorLogTail()
    {
        var path = _directory.Combine("err.log");
        return File.Exists(path) ? string.Join(Environment.NewLine, File.ReadLines(path).TakeLast(20)) : "(no error log)";
    }

    private string ServerConfiguration()
    {
        var data = _directory.Combine("data") + "/";
        return $"""
            <?xml version="1.0"?>
            <yandex>
              <logger>
                <level>warning</level>
                <log>{_directory.Combine("server.log")}</log>
                <errorlog>{_directory.Combine("err.log")}</errorlog>
                <console>0</console>
              </logger>
              <listen_host>127.0.0.1</listen_host>
              <http_port>{HttpPort.ToString(CultureInfo.InvariantCulture)}</http_port>
              <tcp_port>{TcpPort.ToString(CultureInfo.InvariantCulture)}</tcp_port>
              <path>{data}</path>
              <tmp_path>{data}tmp/</tmp_path>
              <user_files_path>{data}user_files/</user_files_path>
              <format_schema_path>{data}format_schemas/</format_schema_path>
              <users_config>{_directory.Combine("users.xml")}</users_config>
              <default_profile>default</default_profile>
              <default_database>default</default_database>
              <timezone>UTC</timezone>
              <mark_cache_size>67108864</mark_cache_size>
              <uncompressed_cache_size>67108864</uncompressed_cache_size>
              <max_concurrent_queries>100</max_concurrent_queries>
              <query_log>
                <database>system</database>
                <table>query_log</table>
                <flush_interval_milliseconds>500</flush_interval_milliseconds>
              </query_log>
            </yandex>
            """;
    }

    private const string UsersConfiguration = """
        <?xml version="1.0"?>
        <yandex>
          <profiles>
            <default>
              <log_queries>1</log_queries>
              <allow_experimental_low_cardinality_type>1</allow_experimental_low_cardinality_type>
            </default>
          </profiles>
          <users>
            <default>
              <password></password>
              <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
              <profile>default</profile>
              <quota>default</quota>
            </default>
          </users>
          <quotas><default></default></quotas>
        </yandex>
        """;
}

using Xunit;

namespace TestSupport.ClickHouse;

/// <summary>
/// One clickhouse-server for a whole test assembly (register with <c>[assembly: AssemblyFixture(typeof(ClickHouseServerFixture))]</c>);
/// each test takes its own database from it with <see cref="CreateDatabaseAsync"/>. Tests that stop the server
/// start their own <see cref="ClickHouseServerProcess"/> instead.
/// </summary>
public sealed class ClickHouseServerFixture : IAsyncLifetime
{
    private ClickHouseServerProcess? _server;

    public ClickHouseServerProcess Server => _server ?? throw new InvalidOperationException("The fixture is not initialized.");

    public Task<ClickHouseTestDatabase> CreateDatabaseAsync(bool withMetricTable = true) => Server.CreateDatabaseAsync(withMetricTable);

    public async ValueTask InitializeAsync() => _server = await ClickHouseServerProcess.StartNewAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

using Xunit;

namespace TestSupport.ClickHouse;

/// <summary>
/// One clickhouse-server for a whole test assembly (register with <c>[assembly: AssemblyFixture(typeof(ClickHouseServerFixture))]</c>),
/// started when the first test asks for a database, so tests that never touch ClickHouse do not wait for it.
/// Each test takes its own database with <see cref="CreateDatabaseAsync"/>. Tests that stop the server start
/// their own <see cref="ClickHouseServerProcess"/> instead.
/// </summary>
public sealed class ClickHouseServerFixture : IAsyncLifetime
{
    private readonly Lazy<Task<ClickHouseServerProcess>> _server = new(ClickHouseServerProcess.StartNewAsync);

    public async Task<ClickHouseTestDatabase> CreateDatabaseAsync(bool withMetricTable = true) =>
        await (await _server.Value).CreateDatabaseAsync(withMetricTable);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_server.IsValueCreated)
        {
            await (await _server.Value).DisposeAsync();
        }
    }
}

using System.Diagnostics.Metrics;
using ClickHouse.Http;
using Microsoft.Extensions.DependencyInjection;
using StreamApi.History;
using StreamApi.Telemetry;

namespace StreamApi.Tests.History;

/// <summary>A <see cref="ClickHouseHistoryReader"/> on a test database, with the options a test needs.</summary>
internal sealed class HistoryReaders : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public HistoryReaders(string connectionString, int maxRawRows = 2_000_000)
    {
        Client = new ClickHouseHttpClient(ClickHouseSettings.Parse(connectionString));
        Options = Microsoft.Extensions.Options.Options.Create(new ClickHouseHistoryOptions { MaxRawRows = maxRawRows });
        Reader = new ClickHouseHistoryReader(Client, Options, new StreamApiMetrics(_services.GetRequiredService<IMeterFactory>()));
    }

    public ClickHouseHttpClient Client { get; }

    public Microsoft.Extensions.Options.IOptions<ClickHouseHistoryOptions> Options { get; }

    public ClickHouseHistoryReader Reader { get; }

    public void Dispose()
    {
        Client.Dispose();
        _services.Dispose();
    }
}

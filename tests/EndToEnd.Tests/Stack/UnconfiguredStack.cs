using TestSupport.Processes;
using TestSupport.Redis;

namespace EndToEnd.Tests.Stack;

/// <summary>
/// The dashboard as an operator first starts it: Redis and the four services, with no ClickHouse and no log
/// directory configured, so there is nothing to show.
/// </summary>
public sealed class UnconfiguredStack : IAsyncLifetime
{
    private RedisServerProcess? _redis;
    private DashboardServices? _services;

    public Uri GatewayAddress => _services!.GatewayAddress;

    public async ValueTask InitializeAsync()
    {
        try
        {
            _redis = await RedisServerProcess.StartNewAsync();
            _services = await DashboardServices.StartAsync(_redis.ConnectionString, clickHouse: null, logDirectories: []);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is { } services)
        {
            _services = null;
            await services.DisposeAsync();
        }
        if (_redis is { } redis)
        {
            _redis = null;
            await redis.DisposeAsync();
        }
    }
}

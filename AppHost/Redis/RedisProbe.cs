using AppHost.Orchestration;
using StackExchange.Redis;

namespace AppHost.Redis;

/// <summary>Aspire's Redis health check: an authenticated PING on a fresh connection.</summary>
public static class RedisProbe
{
    public static async Task<HealthCheck> PingAsync(string connectionString, CancellationToken cancellationToken)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(connectionString);
        }
        catch (ArgumentException exception)
        {
            return HealthCheck.Unhealthy($"ConnectionStrings__redis is not a valid connection string: {exception.Message}");
        }
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 2000;
        options.ConnectRetry = 0;
        options.ClientName = "apphost-health";
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(cancellationToken);
            await connection.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheck.Healthy;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return HealthCheck.Unhealthy($"PING failed: {exception.Message}");
        }
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace ServiceDefaults.Redis;

/// <summary>
/// The Redis client wired the way Aspire's Redis integration wires it, with plain StackExchange.Redis:
/// the connection string comes from <c>ConnectionStrings:{name}</c>, one multiplexer per process, and a
/// readiness check that is not part of liveness (a Redis outage must not get the pod killed).
/// </summary>
public static class RedisClientExtensions
{
    public static IHostApplicationBuilder AddRedisClient(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set. Give it as the environment variable " +
                $"ConnectionStrings__{connectionName} in StackExchange.Redis form, for example 127.0.0.1:6379.");
        }

        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(connectionString);
        }
        catch (Exception exception) when (exception is ArgumentException or RedisException)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not a valid StackExchange.Redis connection string: {exception.Message}", exception);
        }

        // Start even when Redis is down; the multiplexer reconnects in the background and /health says so.
        options.AbortOnConnectFail = false;
        options.ClientName ??= builder.Environment.ApplicationName;

        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>(connectionName);
        return builder;
    }
}

using System.Globalization;
using AppHost.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace AppHost.Resources;

/// <summary>
/// The Redis the services share, as a connection-string resource named <c>redis</c> whose health is an
/// authenticated PING: embedded Garnet (a project of this repository), a local <c>redis-server</c>, the operator's
/// own, or Aspire's Redis container where a container runtime exists. Published, Aspire's Redis container (a
/// StatefulSet in Kubernetes) or the operator's managed Redis.
/// </summary>
public static class RedisResourceExtensions
{
    public static IResourceBuilder<IResourceWithConnectionString> AddDashboardRedis(this IDistributedApplicationBuilder builder, string name,
        AppHostOptions options)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return options.Publish.RedisStatefulSet ? builder.AddRedis(name) : builder.AddConnectionString(name);
        }
        return options.Redis switch
        {
            RedisMode.Container => builder.AddRedis(name),
            RedisMode.External => builder.AddConnectionString(name).WithRedisHealthCheck(builder),
            RedisMode.LocalServer => builder.AddLocalRedisServer(name, options),
            _ => builder.AddGarnet(name, options),
        };
    }

    /// <summary>Garnet in its own process (<c>garnet</c>), on a loopback port with a generated password.</summary>
    private static IResourceBuilder<IResourceWithConnectionString> AddGarnet(this IDistributedApplicationBuilder builder, string name, AppHostOptions options)
    {
        var password = builder.AddRedisPassword(name);
        var garnet = builder.AddProject<Projects.EmbeddedRedis>("garnet")
            .WithEndpoint(name: "tcp", scheme: "tcp", env: "EmbeddedRedis__Port", isProxied: false)
            .WithoutDevelopmentCertificate()
            .WithEnvironment("EmbeddedRedis__Password", password)
            .WithEnvironment("EmbeddedRedis__Memory", options.EmbeddedRedisMemory);
        return builder.AddConnectionString(name, ReferenceExpression.Create(
                $"127.0.0.1:{garnet.GetEndpoint("tcp").Property(EndpointProperty.Port)},password={password}"))
            .WithRedisHealthCheck(builder);
    }

    /// <summary>A <c>redis-server</c> from the PATH (<c>redis-server</c>) on a loopback port, without persistence.</summary>
    private static IResourceBuilder<IResourceWithConnectionString> AddLocalRedisServer(this IDistributedApplicationBuilder builder, string name,
        AppHostOptions options)
    {
        var password = builder.AddRedisPassword(name);
        var directory = Path.Combine(Path.GetFullPath(options.DataDirectory), "redis-server");
        Directory.CreateDirectory(directory);
        var server = builder.AddExecutable("redis-server", ExecutableLookup.Find(options.RedisServerPath)!, directory)
            .WithEndpoint(name: "tcp", scheme: "tcp", isProxied: false);
        var port = server.GetEndpoint("tcp").Property(EndpointProperty.TargetPort);
        server.WithArgs(context =>
        {
            foreach (var argument in (object[])["--port", port, "--bind", "127.0.0.1", "--requirepass", password.Resource,
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", directory])
            {
                context.Args.Add(argument);
            }
        });
        return builder.AddConnectionString(name, ReferenceExpression.Create(
                $"127.0.0.1:{server.GetEndpoint("tcp").Property(EndpointProperty.Port)},password={password}"))
            .WithRedisHealthCheck(builder);
    }

    private static IResourceBuilder<ParameterResource> AddRedisPassword(this IDistributedApplicationBuilder builder, string name) =>
        // StackExchange.Redis cannot take a password with a comma in it: letters and digits only.
        builder.AddResource(ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false));

    /// <summary>Healthy once an authenticated PING answers, as Aspire's own Redis resource checks it.</summary>
    private static IResourceBuilder<T> WithRedisHealthCheck<T>(this IResourceBuilder<T> redis, IDistributedApplicationBuilder builder)
        where T : IResourceWithConnectionString
    {
        var connectionString = ConnectionStringTracking.Track(builder, redis.Resource);
        var key = string.Create(CultureInfo.InvariantCulture, $"{redis.Resource.Name}_check");
        builder.Services.AddHealthChecks().AddRedis(_ => connectionString(), name: key);
        builder.Services.MakePatient(key);
        return redis.WithHealthCheck(key);
    }
}

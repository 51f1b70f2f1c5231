using AppHost.ClickHouse;
using AppHost.Demo;
using AppHost.Model;
using AppHost.Orchestration;
using AppHost.Processes;
using AppHost.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AppHost.Hosting;

/// <summary>
/// Turns the described graph into a runnable application: in run mode it allocates ports and passwords, binds the
/// front endpoints and registers one runner per resource; in publish mode it only keeps the graph for the publishers.
/// </summary>
internal static class DistributedApplicationFactory
{
    public static DistributedApplication Build(DistributedApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(builder.Options);
        services.AddSingleton(builder.ExecutionContext);
        services.AddSingleton(builder.Output);
        services.AddSingleton(TimeProvider.System);
        services.Configure<HostOptions>(host => host.ShutdownTimeout = builder.Options.StopTimeout * 4 + TimeSpan.FromSeconds(10));
        if (builder.ExecutionContext.IsPublishMode)
        {
            return new DistributedApplication(builder.Host.Build(), builder.ExecutionContext, builder.Resources);
        }

        Directory.CreateDirectory(builder.Options.DataDirectory);
        var fronts = new Dictionary<string, FrontEndpoint>(StringComparer.Ordinal);
        try
        {
            foreach (var resource in builder.Resources)
            {
                Allocate(resource, builder.Options, fronts);
            }
        }
        catch
        {
            foreach (var front in fronts.Values)
            {
                front.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            throw;
        }

        services.AddSingleton<ResourceNotificationService>();
        services.AddSingleton<ChildProcessLauncher>();
        services.AddSingleton<SupervisedProcessFactory>();
        services.AddHttpClient(nameof(AppHost));
        services.AddSingleton(sp => sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(AppHost)));
        services.AddSingleton<HttpHealthProbe>();
        services.AddSingleton(sp => new RunContext(fronts, builder.Options, sp.GetRequiredService<IHostEnvironment>()));
        foreach (var resource in builder.Resources)
        {
            services.AddSingleton(sp => CreateRunner(resource, fronts, sp));
        }
        services.AddHostedService<Orchestrator>();
        services.AddHostedService<StartupReporter>();
        return new DistributedApplication(builder.Host.Build(), builder.ExecutionContext, builder.Resources, fronts);
    }

    private static void Allocate(Resource resource, AppHostOptions options, Dictionary<string, FrontEndpoint> fronts)
    {
        switch (resource)
        {
            case RedisResource { Mode: RedisMode.Embedded or RedisMode.LocalServer } redis:
                redis.Port = FreePort.Next();
                redis.DataDirectory = Path.Combine(options.DataDirectory, redis.Name);
                break;
            case ClickHouseResource { Mode: ClickHouseMode.LocalServer } clickhouse:
                clickhouse.HttpPort = FreePort.Next();
                clickhouse.TcpPort = FreePort.Next();
                clickhouse.InterserverPort = FreePort.Next();
                clickhouse.DataDirectory = Path.Combine(options.DataDirectory, clickhouse.Name);
                break;
            case ProjectResource project:
                fronts[project.Name] = FrontEndpoint.Bind(project.Name, project.Endpoint.Port ?? 0);
                break;
        }
    }

    private static IResourceRunner CreateRunner(Resource resource, Dictionary<string, FrontEndpoint> fronts, IServiceProvider services) =>
        resource switch
        {
            ProjectResource project => ActivatorUtilities.CreateInstance<ProjectRunner>(services, project, fronts[project.Name]),
            RedisResource { Mode: RedisMode.Embedded } redis => ActivatorUtilities.CreateInstance<EmbeddedRedisRunner>(services, redis),
            RedisResource { Mode: RedisMode.LocalServer } redis => ActivatorUtilities.CreateInstance<LocalRedisServerRunner>(services, redis),
            RedisResource redis => new ExternalRedisRunner(redis),
            ClickHouseResource { Mode: ClickHouseMode.LocalServer } clickhouse =>
                ActivatorUtilities.CreateInstance<LocalClickHouseServerRunner>(services, clickhouse),
            ClickHouseResource clickhouse => ActivatorUtilities.CreateInstance<ExternalClickHouseRunner>(services, clickhouse),
            DemoResource demo => ActivatorUtilities.CreateInstance<DemoRunner>(services, demo),
            _ => throw new NotSupportedException($"No runner for resource '{resource.Name}' of type {resource.GetType().Name}."),
        };
}

using AppHost.Publishing;
using AppHost.Resources;
using AppHost.Settings;
using AppHost.Startup;

// The dashboard, resource by resource. `dotnet run --project AppHost` runs it beside Aspire's dashboard;
// `-- --publisher manifest` writes Aspire's manifest and `-- --operation publish --step publish-kubernetes` the
// Kubernetes manifests, both from this one model.
// The services read connection strings and service-discovery URLs only, as .NET services do; no REDIS_PASSWORD or
// REDIS_URI copies of the secret in every environment. Published, none gets ASPNETCORE_FORWARDEDHEADERS_ENABLED
// (DisableForwardedHeaders), which would trust X-Forwarded-* from anyone: the gateway trusts only the proxies its
// Gateway__ForwardedHeaders__* settings name. Published, each serves /health and /alive on a management port of its own
// that the probes use and no Service exposes (PublishWithManagementPort).
const ReferenceEnvironmentInjectionFlags ServiceReferences =
    ReferenceEnvironmentInjectionFlags.ConnectionString | ReferenceEnvironmentInjectionFlags.ServiceDiscovery;

try
{
    var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, EnableResourceLogging = true });
    var options = AppHostSettings.Load(builder.Configuration, builder.ExecutionContext.IsRunMode);
    StartupChecks.Run(builder, options);

    var redis = builder.AddDashboardRedis("redis", options);
    var clickhouse = builder.AddDashboardClickHouse("clickhouse", options);
    var demo = builder.AddDemo("demo", options, clickhouse);

    // The ingestor waits for ClickHouse as well: a local server gets its table only once it is healthy.
    builder.AddProject<Projects.Ingestor>("ingestor")
        .WithHttpEndpoint()
        .AsDashboardService()
        .WithReferenceEnvironment(ServiceReferences)
        .WithReference(redis).WaitFor(redis)
        .WithOptionalReference(clickhouse)
        .WithLogDirectories(demo, options.LogDirectories)
        .PublishWithManagementPort()
        // Two in a cluster: one writes (it holds the writer lease in Redis), the other stands by and takes over.
        .PublishAsKubernetesDeployment("worker", new("200m", "256Mi", "2", "1Gi"), replicas: 2);

    // StreamApi serves without ClickHouse (only full-resolution history of ClickHouse runs asks it): no wait for it.
    var streamApi = builder.AddProject<Projects.StreamApi>("streamapi")
        .WithReplicas(options.StreamApiReplicas)
        .WithHttpEndpoint()
        .AsDashboardService()
        .WithReferenceEnvironment(ServiceReferences)
        .WithReference(redis).WaitFor(redis)
        .WithOptionalReference(clickhouse, waitFor: false)
        .PublishWithManagementPort()
        .PublishAsKubernetesDeployment("api")
        .WithKubernetesAutoscaling(options.Publish.StreamApiMaxReplicas);

    var frontend = builder.AddProject<Projects.Frontend>("frontend")
        .WithHttpEndpoint()
        .AsDashboardService()
        .PublishWithManagementPort()
        .PublishAsKubernetesDeployment("web");

    // The gateway starts beside them rather than after: it checks its destinations itself, and the URL is printed only
    // once every resource is healthy.
    var gateway = builder.AddProject<Projects.Gateway>("gateway")
        .WithHttpEndpoint(port: options.GatewayPort)
        .WithExternalHttpEndpoints()
        .AsDashboardService()
        .WithReferenceEnvironment(ServiceReferences)
        .WithReference(streamApi)
        .WithReference(frontend)
        .WithPublishedAuthentication(builder, options.Publish)
        .PublishWithoutActiveHealthChecksOf(streamApi, frontend)
        .PublishWithManagementPort()
        .PublishAsKubernetesDeployment("gateway");

    builder.AddReadyReport(gateway, options);
    builder.AddKubernetesPublishing(options.Publish);

    builder.Build().Run();
    return 0;
}
catch (AppHostStartupException exception)
{
    Console.Error.WriteLine("AppHost cannot start:");
    foreach (var problem in exception.Problems)
    {
        Console.Error.WriteLine($"  {problem}");
    }
    Console.Error.WriteLine("Settings: docs/configuration.md (AppHost).");
    return 2;
}

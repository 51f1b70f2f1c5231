using AppHost.Hosting;

return await AppHostEntryPoint.RunAsync<Program>(args);

/// <summary>The dashboard, resource by resource. `dotnet run --project AppHost` runs it; `-- publish` writes it for Kubernetes.</summary>
public partial class Program : IDistributedApplicationDefinition
{
    public static void DefineResources(DistributedApplicationBuilder builder)
    {
        var options = builder.Options;

        var redis = builder.AddRedis("redis");
        var clickhouse = builder.AddClickHouse("clickhouse");
        var demo = builder.AddDemoGenerator("demo", clickhouse);

        builder.AddProject("ingestor", "Ingestor")
            .WithComponent("worker")
            .WithReference(redis).WaitFor(redis)
            .WithReference(clickhouse).WaitFor(clickhouse)
            .WithLogDirectories(demo)
            .WithComputeResources(new("200m", "256Mi", "2", "1Gi"))
            .AsSingleton();

        var streamApi = builder.AddProject("streamapi", "StreamApi")
            .WithComponent("api")
            .WithReplicas(options.StreamApiReplicas)
            .WithReference(redis).WaitFor(redis)
            .WithReference(clickhouse).WaitFor(clickhouse)
            .WithAutoscaling(maxReplicas: options.Publish.StreamApiMaxReplicas);

        var frontend = builder.AddProject("frontend", "Frontend")
            .WithComponent("web");

        builder.AddProject("gateway", "Gateway")
            .WithComponent("gateway")
            .WithHttpEndpoint(port: options.GatewayPort, isExternal: true)
            .WithReference(streamApi).WaitFor(streamApi)
            .WithReference(frontend).WaitFor(frontend);
    }
}

using AppHost.Hosting;
using AppHost.Model;
using AppHost.Orchestration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace AppHost.Tests.Orchestration;

public sealed class ProjectEnvironmentTests
{
    [Fact]
    public async Task ForReplica_SetsAspireVariables_ForReferencesAndTelemetry()
    {
        var redis = new RedisResource("redis", RedisMode.Embedded, externalConnectionString: null) { Port = 6390 };
        var streamApi = new ProjectResource("streamapi", ProjectMetadata.Get("StreamApi"));
        var gateway = new ProjectResource("gateway", ProjectMetadata.Get("Gateway"));
        gateway.References.Add(streamApi);
        gateway.References.Add(redis);
        await using var front = FrontEndpoint.Bind("streamapi", 0);
        var context = Context(new AppHostOptions { OtlpEndpoint = "http://127.0.0.1:4317" }, ("streamapi", front), Environments.Development);

        var environment = ProjectEnvironment.ForReplica(gateway, targetPort: 5123, instanceId: "abcdefgh", context);

        Assert.Equal("http://localhost:5123", environment["ASPNETCORE_URLS"]);
        Assert.Equal("gateway", environment["OTEL_SERVICE_NAME"]);
        Assert.Equal("service.instance.id=abcdefgh", environment["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("http://127.0.0.1:4317", environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("grpc", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal("always_on", environment["OTEL_TRACES_SAMPLER"]);
        Assert.Equal(front.Url.ToString().TrimEnd('/'), environment["services__streamapi__http__0"]);
        Assert.Equal(front.Url.ToString().TrimEnd('/'), environment["STREAMAPI_HTTP"]);
        Assert.Equal($"127.0.0.1:6390,password={redis.Password}", environment["ConnectionStrings__redis"]);
        Assert.Equal("6390", environment["REDIS_PORT"]);
        Assert.Equal($"redis://:{redis.Password}@127.0.0.1:6390", environment["REDIS_URI"]);
        Assert.Equal("true", environment["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"]);
        Assert.Null(environment["ASPNETCORE_ENVIRONMENT"]);
        Assert.Null(environment["DOTNET_ENVIRONMENT"]);
    }

    [Fact]
    public void ForReplica_LeavesOutOtlpEndpoint_WhenNoCollectorIsConfigured()
    {
        var ingestor = new ProjectResource("ingestor", ProjectMetadata.Get("Ingestor"));
        var context = Context(new AppHostOptions(), null, Environments.Production);

        var environment = ProjectEnvironment.ForReplica(ingestor, 5124, "qwertyui", context);

        Assert.False(environment.ContainsKey("OTEL_EXPORTER_OTLP_ENDPOINT"));
        Assert.False(environment.ContainsKey("OTEL_TRACES_SAMPLER"));
        Assert.Equal("ingestor", environment["OTEL_SERVICE_NAME"]);
    }

    [Fact]
    public void ForReplica_PassesExternalRedisConnectionStringUnchanged()
    {
        const string connectionString = "cache.internal:6380,password=secret,ssl=true";
        var redis = new RedisResource("redis", RedisMode.External, connectionString);
        var ingestor = new ProjectResource("ingestor", ProjectMetadata.Get("Ingestor"));
        ingestor.References.Add(redis);

        var environment = ProjectEnvironment.ForReplica(ingestor, 5125, "asdfghjk", Context(new AppHostOptions(), null, Environments.Production));

        Assert.Equal(connectionString, environment["ConnectionStrings__redis"]);
        Assert.False(environment.ContainsKey("REDIS_PASSWORD"));
    }

    private static RunContext Context(AppHostOptions options, (string Name, FrontEndpoint Front)? front, string environmentName)
    {
        Dictionary<string, FrontEndpoint> fronts = [];
        if (front is { } f)
        {
            fronts[f.Name] = f.Front;
        }
        return new RunContext(fronts, options, new HostingEnvironment { EnvironmentName = environmentName });
    }
}

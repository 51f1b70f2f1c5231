using AppHost.Tests.Support;
using Aspire.Hosting.ApplicationModel;
using TestSupport;

namespace AppHost.Tests.Resources;

/// <summary>The application model Program.cs builds, read before anything starts.</summary>
public sealed class AppHostModelTests : IDisposable
{
    private readonly TempDirectory _data = new("apphost-model");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Model_HasEveryResource_WithReplicasReferencesAndWaits()
    {
        var builder = await AspireApp.CreateAsync(_data.Path, ["--AppHost:ClickHouse=LocalServer"], only: null, TestContext.Current.CancellationToken);
        var resources = builder.Resources.ToDictionary(r => r.Name);

        Assert.IsType<ProjectResource>(resources["garnet"]);
        Assert.IsType<ExecutableResource>(resources["clickhouse-server"]);
        Assert.IsAssignableFrom<IResourceWithConnectionString>(resources["redis"]);
        Assert.IsAssignableFrom<IResourceWithConnectionString>(resources["clickhouse"]);
        Assert.IsType<ProjectResource>(resources["demo"]);
        Assert.Equal(2, resources["streamapi"].GetReplicaCount());
        Assert.Equal(1, resources["ingestor"].GetReplicaCount());
        Assert.Equal(["clickhouse", "redis"], WaitsOf(resources["ingestor"]));
        Assert.Equal(["redis"], WaitsOf(resources["streamapi"]));
        Assert.Empty(WaitsOf(resources["gateway"]));
        Assert.Equal(["clickhouse"], WaitsOf(resources["demo"]));
        var gateway = Assert.Single(resources["gateway"].Annotations.OfType<EndpointAnnotation>());
        Assert.True(gateway.IsExternal);
        Assert.Equal(18080, gateway.Port);
        foreach (var name in (string[])["ingestor", "streamapi", "frontend", "gateway", "demo"])
        {
            Assert.NotEmpty(resources[name].Annotations.OfType<HealthCheckAnnotation>());
        }
        // Locally health stays on each service's one port, where Aspire's checks ask; the management port is published only.
        foreach (var name in (string[])["ingestor", "streamapi", "frontend"])
        {
            Assert.Equal("http", Assert.Single(resources[name].Annotations.OfType<EndpointAnnotation>()).Name);
        }
    }

    [Fact]
    public async Task Model_HasNoClickHouseAndNoDemo_WhenSwitchedOff()
    {
        var builder = await AspireApp.CreateAsync(_data.Path, ["--AppHost:ClickHouse=None", "--AppHost:Demo:Enabled=false"], only: null,
            TestContext.Current.CancellationToken);
        var names = builder.Resources.Select(r => r.Name).ToHashSet();

        Assert.DoesNotContain("clickhouse", names);
        Assert.DoesNotContain("clickhouse-server", names);
        Assert.DoesNotContain("demo", names);
        Assert.Equal(["redis"], WaitsOf(builder.Resources.Single(r => r.Name == "ingestor")));
    }

    [Fact]
    public async Task Model_PointsTheIngestorAtTheUsersLogDirectories_AfterTheDemos()
    {
        var builder = await AspireApp.CreateAsync(_data.Path,
            ["--AppHost:ClickHouse=None", "--AppHost:LogDirectories:0=/data/lightning_logs", "--AppHost:LogDirectories:1=/data/icon"], only: null,
            TestContext.Current.CancellationToken);
        var environment = await ConstantEnvironmentAsync(builder.Resources.Single(r => r.Name == "ingestor"));

        Assert.EndsWith("icon-live", environment["LogDirectorySource__Directories__0"], StringComparison.Ordinal);
        Assert.EndsWith("icon-finished", environment["LogDirectorySource__Directories__1"], StringComparison.Ordinal);
        Assert.Equal("/data/lightning_logs", environment["LogDirectorySource__Directories__2"]);
        Assert.Equal("/data/icon", environment["LogDirectorySource__Directories__3"]);
    }

    /// <summary>The variables a resource's environment callbacks set to plain text (references stay unresolved and are left out).</summary>
    private static async Task<Dictionary<string, string>> ConstantEnvironmentAsync(IResource resource)
    {
        var context = new EnvironmentCallbackContext(new Aspire.Hosting.DistributedApplicationExecutionContext(Aspire.Hosting.DistributedApplicationOperation.Run));
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        return context.EnvironmentVariables.Where(v => v.Value is string).ToDictionary(v => v.Key, v => (string)v.Value);
    }

    private static string[] WaitsOf(IResource resource) =>
        [.. resource.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name).Distinct().Order()];
}

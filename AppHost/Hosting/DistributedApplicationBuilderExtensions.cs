using AppHost.Demo;
using AppHost.Model;
using AppHost.Processes;
using Microsoft.Extensions.Configuration;

namespace AppHost.Hosting;

/// <summary>The resources the dashboard is made of, added the way Aspire's hosting integrations add theirs.</summary>
public static class DistributedApplicationBuilderExtensions
{
    /// <summary>A .NET project of this repository, by its project name (Aspire's <c>AddProject&lt;Projects.X&gt;</c>).</summary>
    public static ResourceBuilder<ProjectResource> AddProject(this DistributedApplicationBuilder builder, string name, string projectName) =>
        builder.AddResource(new ProjectResource(name, ProjectMetadata.Get(projectName)));

    /// <summary>
    /// Redis: the server named by <c>ConnectionStrings:{name}</c> if set, otherwise embedded Garnet or a local
    /// <c>redis-server</c> (<c>AppHost:Redis</c>). Published, a StatefulSet or the operator's managed Redis.
    /// </summary>
    public static ResourceBuilder<RedisResource> AddRedis(this DistributedApplicationBuilder builder, string name)
    {
        var connectionString = builder.Configuration.GetConnectionString(name);
        var mode = builder.Options.Redis ?? (string.IsNullOrWhiteSpace(connectionString) ? RedisMode.Embedded : RedisMode.External);
        return builder.AddResource(new RedisResource(name, mode, connectionString));
    }

    /// <summary>
    /// ClickHouse if there is one: <c>ConnectionStrings:{name}</c>, or a local <c>clickhouse-server</c>
    /// (<c>AppHost:ClickHouse=LocalServer</c>, and by default when one is installed); null otherwise. Published,
    /// always present, read from the operator's Secret.
    /// </summary>
    public static ResourceBuilder<ClickHouseResource>? AddClickHouse(this DistributedApplicationBuilder builder, string name)
    {
        var connectionString = builder.Configuration.GetConnectionString(name);
        var options = builder.Options;
        var mode = builder.ExecutionContext.IsPublishMode ? ClickHouseMode.External : options.ClickHouse ?? DefaultClickHouseMode(connectionString, options);
        return mode == ClickHouseMode.None ? null : builder.AddResource(new ClickHouseResource(name, mode, connectionString));
    }

    /// <summary>
    /// Without a choice: the configured server, else a local one if it is installed (so the first run shows the
    /// ClickHouse demo runs as well), else none.
    /// </summary>
    private static ClickHouseMode DefaultClickHouseMode(string? connectionString, AppHostOptions options) =>
        !string.IsNullOrWhiteSpace(connectionString) ? ClickHouseMode.External
        : ExecutableLookup.Find(options.ClickHouseServerPath) is not null && File.Exists(options.ClickHouseConfigFile) ? ClickHouseMode.LocalServer
        : ClickHouseMode.None;

    /// <summary>
    /// The demo generator, in run mode when <c>AppHost:Demo:Enabled</c>; it writes to <paramref name="clickhouse"/>
    /// when AppHost started that ClickHouse itself or <c>AppHost:Demo:WriteToClickHouse</c> says so.
    /// </summary>
    public static ResourceBuilder<DemoResource>? AddDemoGenerator(this DistributedApplicationBuilder builder, string name,
        ResourceBuilder<ClickHouseResource>? clickhouse)
    {
        var options = builder.Options.Demo;
        if (builder.ExecutionContext.IsPublishMode || !options.Enabled)
        {
            return null;
        }
        var demo = builder.AddResource(new DemoResource(name, Path.Combine(builder.Options.DataDirectory, name), options));
        if (clickhouse is not null && (options.WriteToClickHouse ?? clickhouse.Resource.Mode == ClickHouseMode.LocalServer))
        {
            demo.Resource.ClickHouse = clickhouse.Resource;
            demo.WaitFor(clickhouse);
        }
        return demo;
    }

    /// <summary>
    /// Points the ingestor's log-directory source at the demo's ICON directories
    /// (<c>LogDirectorySource__Directories__N</c>) and starts it once they exist. Local runs only.
    /// </summary>
    public static ResourceBuilder<ProjectResource> WithLogDirectories(this ResourceBuilder<ProjectResource> builder, ResourceBuilder<DemoResource>? demo)
    {
        if (demo is null)
        {
            return builder;
        }
        var directories = demo.Resource.LogDirectories;
        for (var index = 0; index < directories.Count; index++)
        {
            var directory = directories[index];
            builder.WithRunEnvironment($"LogDirectorySource__Directories__{index}", () => directory);
        }
        return builder.WaitFor(demo);
    }
}

using AppHost.Settings;
using Microsoft.Extensions.Configuration;

namespace AppHost.Resources;

/// <summary>
/// The demo generator (a project of this repository): it writes what real trainers write, so the ingestor reads it
/// through its ordinary sources. Local runs only.
/// </summary>
public static class DemoResourceExtensions
{
    /// <summary>
    /// The demo, unless <c>AppHost:Demo:Enabled</c> is false or this is a publish. It writes ClickHouse runs when
    /// AppHost started that ClickHouse itself or <c>AppHost:Demo:WriteToClickHouse</c> says so. Every other key of
    /// <c>AppHost:Demo</c> reaches it as <c>Demo__&lt;key&gt;</c>.
    /// </summary>
    public static IResourceBuilder<ProjectResource>? AddDemo(this IDistributedApplicationBuilder builder, string name, AppHostOptions options,
        IResourceBuilder<IResourceWithConnectionString>? clickhouse)
    {
        if (builder.ExecutionContext.IsPublishMode || !options.Demo.Enabled)
        {
            return null;
        }
        var directory = Path.Combine(Path.GetFullPath(options.DataDirectory), name);
        string[] logDirectories = [Path.Combine(directory, "icon-live"), Path.Combine(directory, "icon-finished")];
        var demo = builder.AddProject<Projects.DemoGenerator>(name)
            .WithHttpEndpoint()
            .WithoutDevelopmentCertificate()
            .WithHttpHealthCheck("/health")
            .WithReferenceEnvironment(ReferenceEnvironmentInjectionFlags.ConnectionString)
            .WithEnvironment("Demo__LiveRunDirectory", logDirectories[0])
            .WithEnvironment("Demo__FinishedRunDirectory", logDirectories[1])
            .WithAnnotation(new LogDirectoriesAnnotation(logDirectories));
        var section = builder.Configuration.GetSection($"{AppHostOptions.SectionName}:{nameof(AppHostOptions.Demo)}");
        foreach (var (key, value) in section.AsEnumerable(makePathsRelative: true))
        {
            if (value is not null && key is not (nameof(DemoSettings.Enabled) or nameof(DemoSettings.WriteToClickHouse)))
            {
                demo.WithEnvironment($"Demo__{key.Replace(":", "__", StringComparison.Ordinal)}", value);
            }
        }
        if (clickhouse is not null && (options.Demo.WriteToClickHouse ?? options.ClickHouse == ClickHouseMode.LocalServer))
        {
            demo.WithReference(clickhouse).WaitFor(clickhouse);
        }
        return demo;
    }

    /// <summary>
    /// Points the ingestor's log-directory source at the demo's directories and then the user's own
    /// (<c>AppHost__LogDirectories</c>). It does not wait for the demo: the source watches for a directory that does
    /// not exist yet and reads it as soon as it appears.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithLogDirectories(this IResourceBuilder<ProjectResource> ingestor,
        IResourceBuilder<ProjectResource>? demo, IReadOnlyList<string> ownDirectories)
    {
        IEnumerable<string> demoDirectories = demo is not null && demo.Resource.TryGetLastAnnotation<LogDirectoriesAnnotation>(out var annotation)
            ? annotation.Directories
            : [];
        var index = 0;
        foreach (var directory in demoDirectories.Concat(ownDirectories))
        {
            ingestor.WithEnvironment($"LogDirectorySource__Directories__{index++}", directory);
        }
        return ingestor;
    }
}

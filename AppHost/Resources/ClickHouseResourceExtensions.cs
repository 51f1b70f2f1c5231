using AppHost.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AppHost.Resources;

/// <summary>
/// ClickHouse when there is one, as a connection-string resource named <c>clickhouse</c>: the operator's own, or a
/// <c>clickhouse-server</c> from the PATH that AppHost starts with an empty data directory and the schema created.
/// Published, always the operator's, and optional.
/// </summary>
public static class ClickHouseResourceExtensions
{
    public static IResourceBuilder<IResourceWithConnectionString>? AddDashboardClickHouse(this IDistributedApplicationBuilder builder, string name,
        AppHostOptions options)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return builder.AddConnectionString(name).WithAnnotation(new OptionalReferenceAnnotation());
        }
        return options.ClickHouse switch
        {
            ClickHouseMode.External => builder.AddConnectionString(name).WithClickHouseHealthCheck(builder, createSchema: false),
            ClickHouseMode.LocalServer => builder.AddLocalClickHouseServer(name, options),
            _ => null,
        };
    }

    /// <summary>
    /// The server keeps nothing from one start to the next: its ports are new every time, so only this AppHost's demo
    /// can have written to it, and keeping the data would pile up the demo runs of every earlier start.
    /// </summary>
    private static IResourceBuilder<IResourceWithConnectionString> AddLocalClickHouseServer(this IDistributedApplicationBuilder builder, string name,
        AppHostOptions options)
    {
        var directory = Path.Combine(Path.GetFullPath(options.DataDirectory), "clickhouse-server");
        Directory.CreateDirectory(directory);
        var server = builder.AddExecutable("clickhouse-server", ExecutableLookup.Find(options.ClickHouseServerPath)!, directory)
            .WithEndpoint(name: "http", scheme: "http", isProxied: false)
            .WithEndpoint(name: "tcp", scheme: "tcp", isProxied: false)
            .WithEndpoint(name: "interserver", scheme: "http", isProxied: false)
            // Current servers fork a watchdog parent by default; one process is what DCP supervises.
            .WithEnvironment("CLICKHOUSE_WATCHDOG_ENABLE", "0")
            .OnBeforeResourceStarted((_, _, _) =>
            {
                EmptyDataDirectory(directory);
                return Task.CompletedTask;
            });
        var http = server.GetEndpoint("http");
        var tcp = server.GetEndpoint("tcp");
        var interserver = server.GetEndpoint("interserver");
        server.WithArgs(context =>
        {
            foreach (var argument in (object[])[$"--config-file={options.ClickHouseConfigFile}", "--", $"--path={directory}/",
                $"--tmp_path={directory}/tmp/", $"--user_files_path={directory}/user_files/", $"--format_schema_path={directory}/format_schemas/",
                ReferenceExpression.Create($"--http_port={http.Property(EndpointProperty.TargetPort)}"),
                ReferenceExpression.Create($"--tcp_port={tcp.Property(EndpointProperty.TargetPort)}"),
                ReferenceExpression.Create($"--interserver_http_port={interserver.Property(EndpointProperty.TargetPort)}"),
                "--listen_host=127.0.0.1",
                $"--logger.log={directory}/log/clickhouse-server.log", $"--logger.errorlog={directory}/log/clickhouse-server.err.log"])
            {
                context.Args.Add(argument);
            }
        });
        return builder.AddConnectionString(name, ReferenceExpression.Create(
                $"Host=127.0.0.1;Port={http.Property(EndpointProperty.Port)};Database={ClickHouseSchema.Database};Username=default;Password="))
            .WithClickHouseHealthCheck(builder, createSchema: true);
    }

    private static void EmptyDataDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
        foreach (var sub in (string[])["tmp", "user_files", "format_schemas", "log"])
        {
            Directory.CreateDirectory(Path.Combine(directory, sub));
        }
    }

    private static IResourceBuilder<T> WithClickHouseHealthCheck<T>(this IResourceBuilder<T> clickhouse, IDistributedApplicationBuilder builder,
        bool createSchema) where T : IResourceWithConnectionString
    {
        var connectionString = ConnectionStringTracking.Track(builder, clickhouse.Resource);
        var key = $"{clickhouse.Resource.Name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, new ClickHouseHealthCheck(connectionString, createSchema),
            failureStatus: null, tags: null));
        builder.Services.MakePatient(key);
        return clickhouse.WithHealthCheck(key);
    }
}

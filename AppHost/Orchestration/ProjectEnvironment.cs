using System.Globalization;
using AppHost.Model;
using Microsoft.Extensions.Hosting;

namespace AppHost.Orchestration;

/// <summary>
/// The environment a replica of a project starts with in run mode: exactly what Aspire hands a project
/// (see docs/apphost.md), so every service runs unchanged under real Aspire too.
/// </summary>
public static class ProjectEnvironment
{
    /// <summary>Inherited from AppHost by everything else, as in Aspire; these would contradict what AppHost sets.</summary>
    private static readonly string[] NotInherited = ["ASPNETCORE_URLS", "DOTNET_LAUNCH_PROFILE", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT"];

    /// <summary>The variables to set; a null value removes an inherited variable.</summary>
    public static Dictionary<string, string?> ForReplica(ProjectResource project, int targetPort, string instanceId, RunContext context)
    {
        Dictionary<string, string?> environment = new(StringComparer.Ordinal);
        foreach (var name in NotInherited)
        {
            environment[name] = null;
        }
        foreach (var (name, value) in LaunchProfile.EnvironmentVariables(project.Metadata.ProjectDirectory))
        {
            environment[name] = value;
        }

        environment["ASPNETCORE_URLS"] = $"http://localhost:{targetPort.ToString(CultureInfo.InvariantCulture)}";
        environment["OTEL_SERVICE_NAME"] = project.Name;
        environment["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={instanceId}";
        if (context.Options.OtlpEndpoint is { Length: > 0 } otlp)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = context.Options.OtlpProtocol;
            environment["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory";
        }
        if (context.HostEnvironment.IsDevelopment())
        {
            environment["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
            environment["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
            environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
            environment["OTEL_TRACES_SAMPLER"] = "always_on";
        }
        environment["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "true";
        environment["LOGGING__CONSOLE__FORMATTERNAME"] = "simple";

        foreach (var reference in project.References)
        {
            AddReference(environment, reference, context);
        }
        foreach (var variable in project.Environment)
        {
            environment[variable.Name] = variable.Value();
        }
        return environment;
    }

    private static void AddReference(Dictionary<string, string?> environment, Resource reference, RunContext context)
    {
        var prefix = reference.Name.ToUpperInvariant().Replace('-', '_');
        switch (reference)
        {
            case IResourceWithConnectionString withConnectionString:
                environment[$"ConnectionStrings__{reference.Name}"] = withConnectionString.ConnectionString;
                foreach (var (key, value) in withConnectionString.ConnectionProperties)
                {
                    environment[$"{prefix}_{key}"] = value;
                }
                break;
            case ProjectResource:
                var url = context.Fronts[reference.Name].Url.ToString().TrimEnd('/');
                environment[$"services__{reference.Name}__{HttpEndpoint.Name}__0"] = url;
                environment[$"{prefix}_HTTP"] = url;
                break;
        }
    }
}

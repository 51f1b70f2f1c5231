using AppHost.Settings;
using Microsoft.Extensions.Configuration;

namespace AppHost.Startup;

/// <summary>
/// What would otherwise fail half-way through a start with a stack trace, checked before anything starts: the fixed
/// ports of the gateway and of Aspire's dashboard.
/// </summary>
public static class StartupChecks
{
    /// <exception cref="AppHostStartupException">A fixed port is taken.</exception>
    public static void Run(IDistributedApplicationBuilder builder, AppHostOptions options)
    {
        // Tests (Aspire.Hosting.Testing) randomize every port and run no dashboard.
        if (!builder.ExecutionContext.IsRunMode || builder.Configuration.GetValue<bool>("DcpPublisher:RandomizePorts"))
        {
            return;
        }
        List<string?> problems =
        [
            PortAvailability.Check(options.GatewayPort, "the training dashboard, AppHost__GatewayPort",
                $"choose another one with --AppHost:GatewayPort=<port>"),
        ];
        foreach (var (key, purpose) in (ReadOnlySpan<(string, string)>)[
            ("ASPNETCORE_URLS", "Aspire's dashboard"),
            ("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", "Aspire's dashboard telemetry"),
            ("ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL", "Aspire's resource service")])
        {
            foreach (var url in (builder.Configuration[key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Port > 0)
                {
                    problems.Add(PortAvailability.Check(uri.Port, $"{purpose}, {key}", $"set {key}=http://localhost:<port>"));
                }
            }
        }
        if (problems.OfType<string>().ToList() is { Count: > 0 } found)
        {
            throw new AppHostStartupException(found);
        }
    }
}

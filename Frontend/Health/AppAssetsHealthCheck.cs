using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Frontend.Health;

/// <summary>Unhealthy when the built app is missing (the build skipped it): serving a blank page is not ready.</summary>
public sealed class AppAssetsHealthCheck(IWebHostEnvironment environment) : IHealthCheck
{
    public const string Name = "app-assets";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var index = environment.WebRootFileProvider.GetFileInfo("index.html");
        return Task.FromResult(index.Exists
            ? HealthCheckResult.Healthy($"index.html is {index.Length} bytes, written {index.LastModified:O}.")
            : HealthCheckResult.Unhealthy($"wwwroot/index.html is missing under {environment.WebRootPath ?? environment.ContentRootPath}; build the Frontend project (it runs the Vite build)."));
    }
}

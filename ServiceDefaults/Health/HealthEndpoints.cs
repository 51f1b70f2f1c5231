using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;

namespace ServiceDefaults.Health;

public static class HealthEndpoints
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";
    public const string LiveTag = "live";

    /// <summary>Readiness: every check.</summary>
    public static HealthCheckOptions Readiness() => new() { ResponseWriter = HealthResponseWriter.WriteAsync };

    /// <summary>Liveness: only the checks tagged <see cref="LiveTag"/>.</summary>
    public static HealthCheckOptions Liveness() => new()
    {
        Predicate = registration => registration.Tags.Contains(LiveTag),
        ResponseWriter = HealthResponseWriter.WriteAsync,
    };

    /// <summary><c>/health</c> or <c>/alive</c>, or a path below them (case-insensitive, as routing matches).</summary>
    public static bool IsHealthPath(PathString path) => path.StartsWithSegments(HealthPath) || path.StartsWithSegments(AlivePath);
}

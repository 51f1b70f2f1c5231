using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AppHost.Resources;

public static class HealthCheckRegistrationExtensions
{
    /// <summary>Makes the health check registered as <paramref name="key"/> a <see cref="PatientHealthCheck"/>.</summary>
    public static IServiceCollection MakePatient(this IServiceCollection services, string key) =>
        services.Configure<HealthCheckServiceOptions>(options =>
        {
            var registration = options.Registrations.Single(r => r.Name == key);
            var inner = registration.Factory;
            registration.Factory = provider => new PatientHealthCheck(inner(provider), TimeProvider.System);
        });
}

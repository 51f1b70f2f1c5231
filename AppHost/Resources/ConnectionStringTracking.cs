using Microsoft.Extensions.Configuration;

namespace AppHost.Resources;

/// <summary>
/// The current connection string of a resource, for a health check that is created before it is known: a given one
/// comes from configuration, one built from allocated endpoints arrives with Aspire's ConnectionStringAvailableEvent.
/// </summary>
public static class ConnectionStringTracking
{
    public static Func<string> Track(IDistributedApplicationBuilder builder, IResourceWithConnectionString resource)
    {
        var value = builder.Configuration.GetConnectionString(resource.Name);
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(resource, async (_, cancellationToken) =>
            value = await resource.GetConnectionStringAsync(cancellationToken));
        return () => value ?? throw new InvalidOperationException($"The connection string of '{resource.Name}' is not known yet.");
    }
}

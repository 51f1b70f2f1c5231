using AppHost.Model;

namespace AppHost.Orchestration;

/// <summary>How one kind of resource is started, checked and stopped in run mode.</summary>
public interface IResourceRunner
{
    Resource Resource { get; }

    /// <summary>Starts the resource; throws when it cannot start at all. Returns once it is launched, not yet healthy.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>One health check: <c>/health</c> answers 200 on every replica, Redis answers an authenticated PING.</summary>
    Task<HealthCheck> CheckHealthAsync(CancellationToken cancellationToken);

    Task StopAsync(CancellationToken cancellationToken);
}

namespace AppHost.Model;

/// <summary>The lifecycle states Aspire reports for a resource, with the same names.</summary>
public enum ResourceState
{
    NotStarted,
    Waiting,
    Starting,
    Running,
    Stopping,
    Exited,
    Finished,
    FailedToStart,
    RuntimeUnhealthy,
}

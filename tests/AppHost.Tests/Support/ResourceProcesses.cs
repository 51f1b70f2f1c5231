using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace AppHost.Tests.Support;

/// <summary>
/// The processes behind an Aspire application's resources: the ones DCP started (a project's is its <c>dotnet run</c>)
/// and, for projects, the service itself, found by the instance id Aspire hands each replica.
/// </summary>
internal sealed record ResourceProcesses(string ResourceName, string InstanceId, int LauncherPid, int? ServicePid)
{
    /// <summary>Every resource instance that has a process now, read from the current snapshots.</summary>
    public static async Task<IReadOnlyList<ResourceProcesses>> ReadAsync(ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        List<ResourceProcesses> found = [];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = notifications.WatchAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        try
        {
            // WatchAsync first hands the current snapshot of every resource without waiting; the first wait ends them.
            ValueTask<bool> next;
            while ((next = events.MoveNextAsync()).IsCompleted && await next)
            {
                var (resource, resourceId, snapshot) = (events.Current.Resource, events.Current.ResourceId, events.Current.Snapshot);
                if (snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
                    && int.TryParse(pid.ToString(), CultureInfo.InvariantCulture, out var launcher))
                {
                    var instanceId = resourceId.StartsWith(resource.Name + "-", StringComparison.Ordinal) ? resourceId[(resource.Name.Length + 1)..] : resourceId;
                    found.RemoveAll(p => p.InstanceId == instanceId && p.ResourceName == resource.Name);
                    found.Add(new ResourceProcesses(resource.Name, instanceId, launcher,
                        resource is ProjectResource ? ServiceOf(instanceId, launcher) : null));
                }
            }
            await stop.CancelAsync();
            try
            {
                await next;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }
        finally
        {
            await events.DisposeAsync();
        }
        return found;
    }

    /// <summary>The service process of a project replica: the one with its instance id that is not <c>dotnet run</c>.</summary>
    private static int? ServiceOf(string instanceId, int launcher) =>
        ProcFs.ProcessesWithEnvironmentContaining($"service.instance.id={instanceId}")
            .Where(pid => pid != launcher && !ProcFs.CommandLine(pid).Contains(" run --project ", StringComparison.Ordinal))
            .Cast<int?>()
            .FirstOrDefault();
}

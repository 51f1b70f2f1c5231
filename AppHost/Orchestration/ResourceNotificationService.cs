using System.Collections.Concurrent;
using AppHost.Model;

namespace AppHost.Orchestration;

/// <summary>
/// The current state of every resource and a way to wait for a state, with the shape of Aspire's
/// <c>ResourceNotificationService</c>. Waits never time out by themselves: callers pass a bounded token.
/// </summary>
public sealed class ResourceNotificationService
{
    private readonly ConcurrentDictionary<string, ResourceSnapshot> snapshots = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly List<Waiter> waiters = [];

    public event Action<ResourceSnapshot>? Changed;

    public IReadOnlyCollection<ResourceSnapshot> Snapshots => [.. snapshots.Values];

    public ResourceSnapshot Get(string name) =>
        snapshots.TryGetValue(name, out var snapshot) ? snapshot : throw UnknownResource(name);

    internal void Register(string name) => snapshots.TryAdd(name, new ResourceSnapshot(name, ResourceState.NotStarted));

    public void Publish(string name, Func<ResourceSnapshot, ResourceSnapshot> update)
    {
        ResourceSnapshot snapshot;
        List<Waiter> satisfied = [];
        lock (gate)
        {
            snapshot = update(Get(name));
            snapshots[name] = snapshot;
            foreach (var waiter in waiters)
            {
                if (waiter.Name == name && waiter.TryComplete(snapshot))
                {
                    satisfied.Add(waiter);
                }
            }
            waiters.RemoveAll(satisfied.Contains);
        }
        Changed?.Invoke(snapshot);
    }

    public Task<ResourceSnapshot> WaitForResourceAsync(string name, ResourceState state, CancellationToken cancellationToken) =>
        WaitForResourceAsync(name, s => s.State == state, cancellationToken);

    /// <summary>
    /// Waits until the resource is running and its health check passes. Throws when it fails to start or exits
    /// first, because then it never will be healthy.
    /// </summary>
    public async Task<ResourceSnapshot> WaitForResourceHealthyAsync(string name, CancellationToken cancellationToken)
    {
        var snapshot = await WaitForResourceAsync(
            name, s => (s.State == ResourceState.Running && s.Health == HealthStatus.Healthy) || s.IsTerminal, cancellationToken);
        return snapshot.IsTerminal
            ? throw new DistributedApplicationException(
                $"Resource '{name}' is {snapshot.State} and will not become healthy: {snapshot.Message ?? "no reason given"}")
            : snapshot;
    }

    public async Task<ResourceSnapshot> WaitForResourceAsync(string name, Func<ResourceSnapshot, bool> predicate, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (gate)
        {
            var current = Get(name);
            if (predicate(current))
            {
                return current;
            }
            waiter = new Waiter(name, predicate);
            waiters.Add(waiter);
        }
        using var registration = cancellationToken.Register(() =>
        {
            lock (gate)
            {
                waiters.Remove(waiter);
            }
            waiter.Completion.TrySetCanceled(cancellationToken);
        });
        return await waiter.Completion.Task;
    }

    private static KeyNotFoundException UnknownResource(string name) => new($"There is no resource named '{name}'.");

    private sealed class Waiter(string name, Func<ResourceSnapshot, bool> predicate)
    {
        public string Name { get; } = name;

        public TaskCompletionSource<ResourceSnapshot> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TryComplete(ResourceSnapshot snapshot) => predicate(snapshot) && Completion.TrySetResult(snapshot);
    }
}

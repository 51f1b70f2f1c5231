using AppHost.Model;
using AppHost.Processes;
using Microsoft.Extensions.Logging;

namespace AppHost.Orchestration;

/// <summary>
/// Runs a project from its build output (<c>dotnet &lt;dll&gt;</c> in the project directory, what Aspire's
/// <c>dotnet run --no-build</c> amounts to), one supervised process per replica, each on its own target port behind
/// the project's front endpoint. Healthy means every replica answers <c>/health</c> with 200.
/// </summary>
public sealed class ProjectRunner(ProjectResource project, FrontEndpoint front, RunContext context,
    SupervisedProcessFactory processes, ResourceNotificationService notifications, HttpHealthProbe probe,
    ILoggerFactory loggerFactory) : IResourceRunner
{
    private readonly List<Replica> replicas = [];

    public Resource Resource => project;

    public FrontEndpoint Front => front;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(project.Metadata.AssemblyPath))
        {
            throw new InvalidOperationException(
                $"{project.Metadata.AssemblyPath} does not exist; build the solution (dotnet build) or run AppHost with dotnet run.");
        }
        for (var index = 0; index < project.Replicas; index++)
        {
            var displayName = project.Replicas == 1 ? project.Name : $"{project.Name}-{index}";
            var replica = new Replica(displayName, FreePort.Next(), Secrets.NewInstanceId());
            replica.Process = processes.Create(project.Name, displayName, () => new ProcessSpec(
                DotnetHost.Path,
                [project.Metadata.AssemblyPath],
                project.Metadata.ProjectDirectory,
                ProjectEnvironment.ForReplica(project, replica.TargetPort, replica.InstanceId, context)));
            replica.Process.Changed += _ =>
            {
                // A replica that exited or was restarted takes no connections until it passes /health again.
                replica.IsReady = false;
                PublishReplicas();
            };
            replicas.Add(replica);
            await replica.Process.StartAsync();
        }
        front.Start(ReadyTargets, loggerFactory.CreateLogger<FrontEndpoint>());
        notifications.Publish(project.Name, s => s with { Endpoint = front.Url });
        PublishReplicas();
    }

    public async Task<HealthCheck> CheckHealthAsync(CancellationToken cancellationToken)
    {
        var checks = await Task.WhenAll(replicas.Select(async replica =>
        {
            if (replica.Process!.ProcessId is null)
            {
                return HealthCheck.Unhealthy($"{replica.Name} is not running (last exit code {replica.Process.LastExitCode})");
            }
            var check = await probe.CheckAsync(new Uri($"http://127.0.0.1:{replica.TargetPort}"), cancellationToken);
            replica.IsReady = check.IsHealthy;
            return check.IsHealthy ? check : HealthCheck.Unhealthy($"{replica.Name}: {check.Reason}");
        }));
        PublishReplicas();
        var failures = checks.Where(c => !c.IsHealthy).Select(c => c.Reason).ToArray();
        return failures.Length == 0 ? HealthCheck.Healthy : HealthCheck.Unhealthy(string.Join("; ", failures));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await front.DisposeAsync();
        await Task.WhenAll(replicas.Select(r => r.Process!.StopAsync(processes.StopTimeout)));
        PublishReplicas();
    }

    private IReadOnlyList<int> ReadyTargets()
    {
        var ready = replicas.Where(r => r.IsReady && r.Process!.ProcessId is not null).Select(r => r.TargetPort).ToArray();
        // Before the first health check passes (or when every replica is failing it) still try the live ones.
        return ready.Length > 0 ? ready : [.. replicas.Where(r => r.Process!.ProcessId is not null).Select(r => r.TargetPort)];
    }

    private void PublishReplicas() => notifications.Publish(project.Name, s => s with
    {
        Replicas = [.. replicas.Select(r => new ReplicaSnapshot(
            r.Name, r.Process!.ProcessId, r.TargetPort, r.InstanceId, r.Process.RestartCount, r.IsReady))],
    });

    private sealed class Replica(string name, int targetPort, string instanceId)
    {
        public string Name { get; } = name;

        public int TargetPort { get; } = targetPort;

        public string InstanceId { get; } = instanceId;

        public SupervisedProcess? Process { get; set; }

        public volatile bool IsReady;
    }
}

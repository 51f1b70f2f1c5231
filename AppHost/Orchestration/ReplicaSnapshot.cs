namespace AppHost.Orchestration;

/// <summary>One replica of a resource: its process (null while it is restarted), target port and telemetry identity.</summary>
public sealed record ReplicaSnapshot(string Name, int? ProcessId, int TargetPort, string InstanceId, int RestartCount, bool IsReady);


namespace AppHost.Startup;

/// <summary>The resource users open: the gateway, whose HTTP endpoint is the training dashboard.</summary>
public sealed record DashboardEntryPoint(ProjectResource Gateway);

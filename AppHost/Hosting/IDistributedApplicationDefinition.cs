namespace AppHost.Hosting;

/// <summary>
/// A system described once: <see cref="DefineResources"/> adds its resources. AppHost's Main runs it and the testing
/// builder starts the very same graph (Aspire's tests do the same with the AppHost project).
/// </summary>
public interface IDistributedApplicationDefinition
{
    static abstract void DefineResources(DistributedApplicationBuilder builder);
}

namespace TestSupport.Processes;

/// <summary>A service process stopped before it was ready; <see cref="Output"/> is the last of what it wrote.</summary>
public sealed class ServiceExitedException(string project, string output)
    : InvalidOperationException($"{project} exited during start-up:{Environment.NewLine}{output}")
{
    public string Output { get; } = output;
}

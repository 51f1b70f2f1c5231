namespace AppHost.Hosting;

public enum DistributedApplicationOperation
{
    /// <summary>Start every resource on this machine.</summary>
    Run,

    /// <summary>Write the graph as deployment files and exit.</summary>
    Publish,
}

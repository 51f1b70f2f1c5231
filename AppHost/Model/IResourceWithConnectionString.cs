namespace AppHost.Model;

/// <summary>
/// A resource that consumers reach through <c>ConnectionStrings__{name}</c>, as Aspire's Redis and connection-string
/// resources are.
/// </summary>
public interface IResourceWithConnectionString
{
    string Name { get; }

    /// <summary>The connection string in run mode; known once the graph is built (ports and passwords are allocated then).</summary>
    string ConnectionString { get; }

    /// <summary>
    /// The parts Aspire 13 also hands out as <c>{NAME}_HOST</c>, <c>{NAME}_PORT</c>, <c>{NAME}_PASSWORD</c>,
    /// <c>{NAME}_URI</c>; empty for a connection string AppHost did not compose itself.
    /// </summary>
    IReadOnlyDictionary<string, string> ConnectionProperties { get; }
}

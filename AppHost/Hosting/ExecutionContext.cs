namespace AppHost.Hosting;

/// <summary>Whether AppHost runs the graph or publishes it, and where to (Aspire's <c>DistributedApplicationExecutionContext</c>).</summary>
public sealed record ExecutionContext(DistributedApplicationOperation Operation, string? PublishOutput = null, Publisher Publisher = Publisher.Kubernetes)
{
    public bool IsRunMode => Operation == DistributedApplicationOperation.Run;

    public bool IsPublishMode => Operation == DistributedApplicationOperation.Publish;

    /// <summary>
    /// Splits the command line into the operation (<c>publish --output DIR [--publisher kubernetes|manifest]</c>;
    /// Aspire's <c>--output-path</c> is taken too) and the rest, which is configuration (<c>--AppHost:GatewayPort=9000</c>).
    /// </summary>
    public static (ExecutionContext Context, string[] ConfigurationArgs) Parse(string[] args)
    {
        if (args.Length == 0 || args[0] != "publish")
        {
            return (new ExecutionContext(DistributedApplicationOperation.Run), args);
        }
        string? output = null;
        var publisher = Publisher.Kubernetes;
        List<string> rest = [];
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--output" or "-o" or "--output-path" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--publisher" when i + 1 < args.Length:
                    var name = args[++i];
                    publisher = name switch
                    {
                        "kubernetes" or "k8s" => Publisher.Kubernetes,
                        "manifest" => Publisher.Manifest,
                        _ => throw new ArgumentException($"Unknown publisher '{name}'; use 'kubernetes' or 'manifest'."),
                    };
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }
        output ??= publisher == Publisher.Kubernetes ? Path.Combine("deploy", "k8s") : ".";
        return (new ExecutionContext(DistributedApplicationOperation.Publish, Path.GetFullPath(output), publisher), [.. rest]);
    }
}

namespace AppHost.Processes;

/// <summary>The <c>dotnet</c> executable that runs the service assemblies: the one running AppHost where it can be told.</summary>
public static class DotnetHost
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        // The SDK sets this for everything `dotnet run`, `dotnet test` and MSBuild start.
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }
        var self = Environment.ProcessPath;
        if (self is not null && System.IO.Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(System.IO.Path.Combine(root, "dotnet")))
        {
            return System.IO.Path.Combine(root, "dotnet");
        }
        return "dotnet";
    }
}

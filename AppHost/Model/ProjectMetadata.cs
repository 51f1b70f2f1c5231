using System.Reflection;

namespace AppHost.Model;

/// <summary>
/// Where a service project and its build output are, as Aspire's generated <c>Projects.X</c> classes say. The
/// build embeds these paths in AppHost's assembly (see AppHost.csproj), so AppHost runs what was just built.
/// </summary>
public sealed record ProjectMetadata(string ProjectName, string ProjectPath, string AssemblyPath)
{
    private const string MetadataPrefix = "AppHost.Project:";

    public string ProjectDirectory => Path.GetDirectoryName(ProjectPath)!;

    public static ProjectMetadata Get(string projectName)
    {
        var attribute = typeof(ProjectMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == MetadataPrefix + projectName)
            ?? throw new InvalidOperationException(
                $"AppHost was built without a reference to the project '{projectName}'; add it as a ServiceProject in AppHost.csproj.");
        var parts = attribute.Value!.Split('|', 2);
        return new ProjectMetadata(projectName, parts[0], parts[1]);
    }
}

using System.Text.Json;

namespace AppHost.Orchestration;

/// <summary>
/// The <c>environmentVariables</c> of a project's first launch profile with <c>commandName: Project</c>
/// (Properties/launchSettings.json), which Aspire applies under the variables it sets itself.
/// </summary>
public static class LaunchProfile
{
    public static IReadOnlyDictionary<string, string> EnvironmentVariables(string projectDirectory)
    {
        var path = Path.Combine(projectDirectory, "Properties", "launchSettings.json");
        if (!File.Exists(path))
        {
            return new Dictionary<string, string>();
        }
        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        if (!document.RootElement.TryGetProperty("profiles", out var profiles))
        {
            return new Dictionary<string, string>();
        }
        foreach (var profile in profiles.EnumerateObject())
        {
            if (profile.Value.TryGetProperty("commandName", out var command) && command.GetString() == "Project")
            {
                Dictionary<string, string> variables = [];
                if (profile.Value.TryGetProperty("environmentVariables", out var environment))
                {
                    foreach (var variable in environment.EnumerateObject())
                    {
                        variables[variable.Name] = variable.Value.ToString();
                    }
                }
                return variables;
            }
        }
        return new Dictionary<string, string>();
    }
}

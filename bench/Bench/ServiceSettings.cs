namespace Bench;

/// <summary>What every scenario starts the services with: as deployed (Production, warnings only), on its own Redis.</summary>
internal static class ServiceSettings
{
    public static Dictionary<string, string?> Deployed(string redisConnectionString) => new()
    {
        ["ConnectionStrings__redis"] = redisConnectionString,
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>Deployed, with the ingestor watching one log directory.</summary>
    public static Dictionary<string, string?> WatchingDirectory(string redisConnectionString, string directory)
    {
        var settings = Deployed(redisConnectionString);
        settings["LogDirectorySource__Directories__0"] = directory;
        return settings;
    }
}

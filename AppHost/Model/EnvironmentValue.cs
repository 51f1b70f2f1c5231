namespace AppHost.Model;

/// <summary>An environment variable set on a project; <see cref="RunModeOnly"/> values are not published.</summary>
public sealed record EnvironmentValue(string Name, Func<string> Value, bool RunModeOnly);

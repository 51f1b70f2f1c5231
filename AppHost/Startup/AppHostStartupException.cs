namespace AppHost.Startup;

/// <summary>Something stops AppHost before anything starts; each problem names the setting or program and the fix.</summary>
public sealed class AppHostStartupException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

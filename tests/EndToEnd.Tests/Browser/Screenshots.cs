using TestSupport;

namespace EndToEnd.Tests.Browser;

/// <summary>Screenshots are test artifacts: PNGs under TestResults/screenshots (git-ignored), one set per run.</summary>
public static class Screenshots
{
    public static string Directory { get; } = Create();

    public static string PathFor(string name)
    {
        var safe = string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        return Path.Combine(Directory, safe + ".png");
    }

    private static string Create()
    {
        var directory = Path.Combine(RepositoryRoot.Path, "TestResults", "screenshots", "EndToEnd");
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }
}

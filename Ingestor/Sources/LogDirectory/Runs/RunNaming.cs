using Contracts.Analytics;

namespace Ingestor.Sources.LogDirectory;

/// <summary>
/// Run ids of log directories: <c>{directory name}@{simulation start}</c>, e.g. <c>icon-output@2022-01-01T06:00:00</c>,
/// so the same files give the same id after a restart. An experiment under <c>runs/</c> that is not a timestamp
/// is <c>{directory name}@{experiment directory name}</c>, and any other TensorBoard run directory
/// <c>{directory name}@{its path below the directory}</c> (<c>logs@lightning_logs/version_0</c>). Names are kept as
/// they are (spaces, <c>%</c>, <c>,</c>, <c>/</c>, any letter: routes, Redis keys and the browser's URLs carry any run
/// id); only control characters, which no request may carry, become '_'.
/// </summary>
public static class RunNaming
{
    /// <summary>Appended with a counter when a directory is recreated for a simulation with the same start.</summary>
    public const char GenerationSeparator = '~';

    public static string DirectoryName(string directory) =>
        Sanitize(Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)));

    public static string ForSimulation(string directoryName, DateTime start) => directoryName + "@" + TimestepFormat.Format(start);

    public static string ForExperiment(string directoryName, string experimentDirectory) => directoryName + "@" + Sanitize(experimentDirectory);

    /// <summary>A run in a directory below another run's (<c>add_scalars</c> writes one per scalar): <c>{run id}/{path below}</c>.</summary>
    public static string Below(string runId, string subPath) => runId + "/" + Sanitize(subPath);

    private static string Sanitize(string name)
    {
        if (name.Length == 0)
        {
            return "root";
        }
        return string.Create(name.Length, name, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsControl(c) ? '_' : c;
            }
        });
    }
}

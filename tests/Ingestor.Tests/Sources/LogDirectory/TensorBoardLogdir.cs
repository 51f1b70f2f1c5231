using TensorBoard;

namespace Ingestor.Tests.Sources.LogDirectory;

/// <summary>Event files written into a temporary TensorBoard logdir as the real writers lay them out.</summary>
internal static class TensorBoardLogdir
{
    /// <summary>Seconds since 1970 in the event files' names and wall times (2026-11-23T02:29:58Z).</summary>
    public const long Created = 1_795_400_998;

    /// <summary>Writes <c>{directory}/{relativeDirectory}/events.out.tfevents.{created}.host.1.0</c>: the file version record, then what <paramref name="write"/> writes.</summary>
    public static string Write(string directory, string relativeDirectory, Action<TensorBoardEventWriter> write, long created = Created, string suffix = "host.1.0")
    {
        var runDirectory = Path.Combine(directory, relativeDirectory);
        Directory.CreateDirectory(runDirectory);
        var path = Path.Combine(runDirectory, $"events.out.tfevents.{created}.{suffix}");
        using var file = File.Create(path);
        var writer = new TensorBoardEventWriter(file);
        writer.WriteFileVersion(created);
        write(writer);
        writer.Flush();
        return path;
    }

    /// <summary>Scalars as PyTorch's SummaryWriter writes them: <paramref name="values"/> at steps 0, 1, ...</summary>
    public static Action<TensorBoardEventWriter> Scalars(string tag, params float[] values) => writer =>
    {
        for (var step = 0; step < values.Length; step++)
        {
            writer.WriteScalar(tag, step, values[step], Created + step);
        }
    };
}

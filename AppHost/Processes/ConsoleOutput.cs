using System.Text.RegularExpressions;

namespace AppHost.Processes;

/// <summary>
/// Writes the output of every child with its resource name in front, coloured per resource on a terminal, as
/// one line at a time so that lines of different children never interleave.
/// </summary>
public sealed partial class ConsoleOutput
{
    private static readonly string[] Colours = ["\e[36m", "\e[32m", "\e[35m", "\e[33m", "\e[34m", "\e[96m", "\e[92m", "\e[95m"];
    private const string Reset = "\e[0m";

    private readonly TextWriter writer;
    private readonly bool useColour;
    private readonly Lock gate = new();
    private readonly Dictionary<string, string> colourByResource = [];

    public ConsoleOutput(TextWriter writer, bool useColour)
    {
        this.writer = writer;
        this.useColour = useColour;
    }

    /// <summary>Colour only on an interactive terminal, and never when NO_COLOR is set (no-color.org).</summary>
    public static ConsoleOutput ForConsole() => new(
        Console.Out,
        !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));

    /// <summary>Keeps the output of a run with no terminal to write to (tests).</summary>
    public static ConsoleOutput Discard() => new(TextWriter.Null, useColour: false);

    public int PrefixWidth { get; set; } = 12;

    public void WriteLine(string resource, string source, string line)
    {
        lock (gate)
        {
            var prefix = source.PadRight(PrefixWidth);
            if (useColour)
            {
                if (!colourByResource.TryGetValue(resource, out var colour))
                {
                    colour = Colours[colourByResource.Count % Colours.Length];
                    colourByResource[resource] = colour;
                }
                writer.WriteLine($"{colour}{prefix}{Reset} | {line}");
            }
            else
            {
                // Children colour their output (DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION, as under Aspire);
                // a file or a pipe gets it plain.
                writer.WriteLine($"{prefix} | {AnsiEscape().Replace(line, "")}");
            }
        }
    }

    [GeneratedRegex(@"\e\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiEscape();
}

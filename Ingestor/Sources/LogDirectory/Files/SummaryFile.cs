using System.Globalization;

namespace Ingestor.Sources.LogDirectory.Files;

/// <summary>
/// What a <c>summary_&lt;timestamp&gt;.txt</c> says. Only complete lines (ending in a newline) are read; the
/// dashboard computes the loss statistics itself from the log (exactly), so it needs the global step and the
/// batch count from here.
/// </summary>
public sealed record SummaryFile(long? GlobalStep, int? NumberOfBatches, int MalformedLines)
{
    public static SummaryFile Parse(ReadOnlySpan<byte> content)
    {
        long? globalStep = null;
        int? batches = null;
        var malformed = 0;
        while (true)
        {
            var newline = content.IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }
            var line = content[..newline].Trim(" \t\r"u8);
            content = content[(newline + 1)..];
            if (line.IsEmpty)
            {
                continue;
            }
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                malformed++;
                continue;
            }
            var key = line[..colon].Trim(" \t"u8);
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (key.SequenceEqual("Global Step"u8))
            {
                if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var step) && step >= 0)
                {
                    globalStep = step;
                }
                else
                {
                    malformed++;
                }
            }
            else if (key.SequenceEqual("Number of Batches"u8))
            {
                if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count >= 0)
                {
                    batches = count;
                }
                else
                {
                    malformed++;
                }
            }
        }
        return new SummaryFile(globalStep, batches, malformed);
    }

}

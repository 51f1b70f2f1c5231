using System.Buffers;
using System.Text;

namespace TensorBoard;

/// <summary>
/// Decodes the few fields of TensorBoard's <c>Event</c> protobuf the dashboard needs (wall time, step, file
/// version, scalar and histogram summary values, the kind of every other summary value, and the hparams plugin's
/// session data), straight from the record bytes. A hand-written decoder of
/// these dozen fields allocates nothing per event but new tag strings, where generated message classes would
/// allocate an object graph (and bucket arrays) for every record of a multi-gigabyte file.
/// <para>One instance per event file: TF2 writers put a value's plugin metadata only on the first event of a
/// tag, so the parser remembers each tag's plugin.</para>
/// </summary>
public sealed class TensorBoardEventParser
{
    public const string ScalarsPlugin = "scalars";
    public const string HistogramsPlugin = "histograms";
    public const string HParamsPlugin = "hparams";

    private const int MaxTagBytesOnStack = 512;
    private const int MaxHistogramCellsOnStack = 3 * 256;

    private readonly Dictionary<string, string> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _pluginByTag = new(StringComparer.Ordinal);

    /// <summary>Fills <paramref name="into"/> from one record; false when the record is not a valid Event.</summary>
    public bool TryParse(ReadOnlySpan<byte> record, TensorBoardEvent into)
    {
        into.Reset();
        try
        {
            var reader = new ProtoReader(record);
            while (reader.TryReadTag(out var field, out var wireType))
            {
                switch (field, wireType)
                {
                    case (1, WireType.Fixed64): into.WallTime = reader.ReadDouble(); break;
                    case (2, WireType.Varint): into.Step = (long)reader.ReadVarint(); break;
                    case (3, WireType.LengthDelimited): into.FileVersion = Encoding.UTF8.GetString(reader.ReadLengthDelimited()); break;
                    case (5, WireType.LengthDelimited): ParseSummary(reader.ReadLengthDelimited(), into); break;
                    default: reader.Skip(wireType); break;
                }
            }
            return true;
        }
        catch (InvalidDataException)
        {
            into.Reset();
            return false;
        }
    }

    private void ParseSummary(ReadOnlySpan<byte> summary, TensorBoardEvent into)
    {
        var reader = new ProtoReader(summary);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == 1 && wireType == WireType.LengthDelimited)
            {
                ParseValue(reader.ReadLengthDelimited(), into);
            }
            else
            {
                reader.Skip(wireType);
            }
        }
    }

    private void ParseValue(ReadOnlySpan<byte> value, TensorBoardEvent into)
    {
        string? tag = null;
        string? plugin = null;
        float? simpleValue = null;
        ReadOnlySpan<byte> histogram = default;
        ReadOnlySpan<byte> tensor = default;
        ReadOnlySpan<byte> pluginContent = default;
        var hasHistogram = false;
        var hasTensor = false;
        string? fieldKind = null;

        var reader = new ProtoReader(value);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (1, WireType.LengthDelimited): tag = InternTag(reader.ReadLengthDelimited()); break;
                case (2, WireType.Fixed32): simpleValue = reader.ReadFloat(); break;
                case (4, WireType.LengthDelimited): reader.Skip(wireType); fieldKind = OtherSummaryKinds.Image; break;
                case (5, WireType.LengthDelimited): histogram = reader.ReadLengthDelimited(); hasHistogram = true; break;
                case (6, WireType.LengthDelimited): reader.Skip(wireType); fieldKind = OtherSummaryKinds.Audio; break;
                case (8, WireType.LengthDelimited): tensor = reader.ReadLengthDelimited(); hasTensor = true; break;
                case (9, WireType.LengthDelimited): plugin = ReadPluginData(reader.ReadLengthDelimited(), out pluginContent); break;
                default: reader.Skip(wireType); break;
            }
        }

        if (tag is null)
        {
            into.OtherValues++;
            return;
        }
        if (plugin is not null)
        {
            _pluginByTag[tag] = plugin;
        }
        else
        {
            _pluginByTag.TryGetValue(tag, out plugin);
        }

        if (plugin == HParamsPlugin)
        {
            // The run's configuration, not a series: an experiment or session end carries none.
            if (HParamsPluginData.ReadSessionStart(pluginContent) is { } hparams)
            {
                into.HParams = hparams;
            }
        }
        else if (simpleValue is { } simple)
        {
            into.Values.Add(new TensorBoardValue(tag, TensorBoardValueKind.Scalar, simple, default));
        }
        else if (hasHistogram)
        {
            into.Values.Add(new TensorBoardValue(tag, TensorBoardValueKind.Histogram, double.NaN, ParseHistogramProto(histogram)));
        }
        else if (fieldKind is not null)
        {
            into.Values.Add(new TensorBoardValue(tag, TensorBoardValueKind.Other, double.NaN, default, fieldKind));
        }
        else if (hasTensor && plugin == ScalarsPlugin && TryReadTensorScalar(tensor, out var scalar))
        {
            into.Values.Add(new TensorBoardValue(tag, TensorBoardValueKind.Scalar, scalar, default));
        }
        else if (hasTensor && plugin == HistogramsPlugin && TryReadTensorHistogram(tensor, out var summary))
        {
            into.Values.Add(new TensorBoardValue(tag, TensorBoardValueKind.Histogram, double.NaN, summary));
        }
        else if (plugin is not null and not ScalarsPlugin and not HistogramsPlugin)
        {
            into.Values.Add(new TensorBoardValue(tag, TensorBoardValueKind.Other, double.NaN, default, OtherSummaryKinds.OfPlugin(plugin)));
        }
        else
        {
            into.OtherValues++;
        }
    }

    /// <summary>The plugin's name (interned) and, in <paramref name="content"/>, its data; null when the metadata names none.</summary>
    private string? ReadPluginData(ReadOnlySpan<byte> metadata, out ReadOnlySpan<byte> content)
    {
        content = default;
        string? name = null;
        var reader = new ProtoReader(metadata);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == 1 && wireType == WireType.LengthDelimited)
            {
                var pluginData = new ProtoReader(reader.ReadLengthDelimited());
                while (pluginData.TryReadTag(out var pluginField, out var pluginWireType))
                {
                    switch (pluginField, pluginWireType)
                    {
                        case (1, WireType.LengthDelimited): name = InternTag(pluginData.ReadLengthDelimited()); break;
                        case (2, WireType.LengthDelimited): content = pluginData.ReadLengthDelimited(); break;
                        default: pluginData.Skip(pluginWireType); break;
                    }
                }
            }
            else
            {
                reader.Skip(wireType);
            }
        }
        return name;
    }

    private static HistogramSummary ParseHistogramProto(ReadOnlySpan<byte> histogram)
    {
        double min = 0, max = 0, count = 0, sum = 0, sumSquares = 0;
        var reader = new ProtoReader(histogram);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (1, WireType.Fixed64): min = reader.ReadDouble(); break;
                case (2, WireType.Fixed64): max = reader.ReadDouble(); break;
                case (3, WireType.Fixed64): count = reader.ReadDouble(); break;
                case (4, WireType.Fixed64): sum = reader.ReadDouble(); break;
                case (5, WireType.Fixed64): sumSquares = reader.ReadDouble(); break;
                default: reader.Skip(wireType); break;
            }
        }
        return new HistogramSummary(min, max, count, sum, sumSquares);
    }

    private static bool TryReadTensorScalar(ReadOnlySpan<byte> tensor, out double value)
    {
        Span<double> first = stackalloc double[1];
        var count = TensorView.Parse(tensor).CopyTo(first);
        value = first[0];
        return count == 1;
    }

    private static bool TryReadTensorHistogram(ReadOnlySpan<byte> tensor, out HistogramSummary summary)
    {
        summary = default;
        var view = TensorView.Parse(tensor);
        var cells = view.CopyTo([]);
        if (cells < 0 || cells % 3 != 0)
        {
            return false;
        }

        double[]? rented = null;
        var buffer = cells <= MaxHistogramCellsOnStack ? stackalloc double[cells] : (rented = ArrayPool<double>.Shared.Rent(cells)).AsSpan(0, cells);
        try
        {
            view.CopyTo(buffer);
            double count = 0, sum = 0, sumSquares = 0, min = double.NaN, max = double.NaN;
            for (var row = 0; row < cells; row += 3)
            {
                var (left, right, bucketCount) = (buffer[row], buffer[row + 1], buffer[row + 2]);
                if (bucketCount <= 0)
                {
                    continue;
                }
                var centre = (left + right) / 2;
                min = double.IsNaN(min) ? left : Math.Min(min, left);
                max = double.IsNaN(max) ? right : Math.Max(max, right);
                count += bucketCount;
                sum += centre * bucketCount;
                sumSquares += centre * centre * bucketCount;
            }
            summary = new HistogramSummary(min, max, count, sum, sumSquares);
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    private string InternTag(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxTagBytesOnStack)
        {
            return Encoding.UTF8.GetString(utf8);
        }
        Span<char> chars = stackalloc char[MaxTagBytesOnStack];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        var lookup = _tags.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars[..length], out var tag))
        {
            return tag;
        }
        tag = new string(chars[..length]);
        _tags.Add(tag, tag);
        return tag;
    }
}

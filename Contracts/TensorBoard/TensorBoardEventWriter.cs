using System.Buffers.Binary;

namespace Contracts.TensorBoard;

/// <summary>
/// Writes TensorBoard event files the way the real writers do: PyTorch's SummaryWriter (scalars as
/// <c>simple_value</c>, histograms as <c>HistogramProto</c>) and TensorBoard's own TF2-style writer (scalars as
/// one-element float tensors of the <c>scalars</c> plugin). Used by tests and the demo data generator; call
/// <see cref="Flush"/> to make what was written visible to readers.
/// </summary>
public sealed class TensorBoardEventWriter(Stream stream)
{
    private const int DtFloat = 1;
    private const int DtString = 7;
    private const int ScalarDataClass = 1;

    private readonly TfRecordWriter _records = new(stream);

    /// <summary>The first record of every event file.</summary>
    public void WriteFileVersion(double wallTime)
    {
        var e = new ProtoWriter();
        e.WriteDoubleField(1, wallTime);
        e.WriteStringField(3, "brain.Event:2");
        _records.Write(e.WrittenSpan);
    }

    public void WriteScalar(string tag, long step, float value, double wallTime)
    {
        var summaryValue = new ProtoWriter();
        summaryValue.WriteStringField(1, tag);
        summaryValue.WriteFloatField(2, value);
        WriteSummaryEvent(step, wallTime, summaryValue);
    }

    /// <summary>A one-element float tensor of the scalars plugin; TF2 writers send the plugin metadata only with a tag's first value (<c>withMetadata: false</c> for the rest).</summary>
    public void WriteTensorScalar(string tag, long step, float value, double wallTime, bool withMetadata = true)
    {
        var tensor = new ProtoWriter();
        tensor.WriteVarintField(1, DtFloat);
        tensor.WriteMessageField(2, new ProtoWriter());
        Span<byte> content = stackalloc byte[sizeof(float)];
        BinaryPrimitives.WriteSingleLittleEndian(content, value);
        tensor.WriteBytesField(4, content);

        var summaryValue = new ProtoWriter();
        summaryValue.WriteStringField(1, tag);
        summaryValue.WriteMessageField(8, tensor);
        if (withMetadata)
        {
            summaryValue.WriteMessageField(9, PluginMetadata(TensorBoardEventParser.ScalarsPlugin, ScalarDataClass));
        }
        WriteSummaryEvent(step, wallTime, summaryValue);
    }

    /// <summary>A histogram of <paramref name="values"/> with <paramref name="buckets"/> equal-width buckets, as a HistogramProto.</summary>
    public void WriteHistogram(string tag, long step, ReadOnlySpan<double> values, double wallTime, int buckets = 30)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0, sumSquares = 0;
        foreach (var v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            sum += v;
            sumSquares += v * v;
        }
        if (values.IsEmpty)
        {
            min = max = 0;
        }

        var width = max > min ? (max - min) / buckets : 1;
        var limits = new double[buckets];
        var counts = new double[buckets];
        for (var i = 0; i < buckets; i++)
        {
            limits[i] = i == buckets - 1 ? double.MaxValue : min + (width * (i + 1));
        }
        foreach (var v in values)
        {
            counts[Math.Clamp((int)((v - min) / width), 0, buckets - 1)]++;
        }

        var histogram = new ProtoWriter();
        histogram.WriteDoubleField(1, min);
        histogram.WriteDoubleField(2, max);
        histogram.WriteDoubleField(3, values.Length);
        histogram.WriteDoubleField(4, sum);
        histogram.WriteDoubleField(5, sumSquares);
        histogram.WritePackedDoublesField(6, limits);
        histogram.WritePackedDoublesField(7, counts);

        var summaryValue = new ProtoWriter();
        summaryValue.WriteStringField(1, tag);
        summaryValue.WriteMessageField(5, histogram);
        WriteSummaryEvent(step, wallTime, summaryValue);
    }

    /// <summary>Text as PyTorch's <c>add_text</c> writes it: a string tensor of the <c>text</c> plugin, under <c>{tag}/text_summary</c>.</summary>
    public void WriteText(string tag, long step, string text, double wallTime)
    {
        var tensor = new ProtoWriter();
        tensor.WriteVarintField(1, DtString);
        tensor.WriteMessageField(2, TensorShape(1));
        tensor.WriteStringField(8, text);

        var summaryValue = new ProtoWriter();
        summaryValue.WriteStringField(1, tag + "/text_summary");
        summaryValue.WriteMessageField(8, tensor);
        summaryValue.WriteMessageField(9, PluginMetadata("text", dataClass: 0));
        WriteSummaryEvent(step, wallTime, summaryValue);
    }

    /// <summary>An encoded image as PyTorch's <c>add_image</c> writes it: the summary value's <c>image</c> field.</summary>
    public void WriteImage(string tag, long step, ReadOnlySpan<byte> png, int height, int width, double wallTime)
    {
        var image = new ProtoWriter();
        image.WriteVarintField(1, (ulong)height);
        image.WriteVarintField(2, (ulong)width);
        image.WriteVarintField(3, 3);
        image.WriteBytesField(4, png);

        var summaryValue = new ProtoWriter();
        summaryValue.WriteStringField(1, tag);
        summaryValue.WriteMessageField(4, image);
        WriteSummaryEvent(step, wallTime, summaryValue);
    }

    /// <summary>Encoded audio as PyTorch's <c>add_audio</c> writes it: the summary value's <c>audio</c> field.</summary>
    public void WriteAudio(string tag, long step, ReadOnlySpan<byte> wav, float sampleRate, double wallTime)
    {
        var audio = new ProtoWriter();
        audio.WriteFloatField(1, sampleRate);
        audio.WriteVarintField(2, 1);
        audio.WriteBytesField(4, wav);
        audio.WriteStringField(5, "audio/wav");

        var summaryValue = new ProtoWriter();
        summaryValue.WriteStringField(1, tag);
        summaryValue.WriteMessageField(6, audio);
        WriteSummaryEvent(step, wallTime, summaryValue);
    }

    /// <summary>
    /// Hyperparameters as PyTorch's <c>add_hparams</c> and Lightning's <c>log_hyperparams</c> write them: three events
    /// whose values carry only hparams plugin metadata (the experiment, the session start with the values, the
    /// session end). A value is a string, a number (double), a bool or null.
    /// </summary>
    public void WriteHParams(IEnumerable<KeyValuePair<string, object?>> hparams, double wallTime)
    {
        var experiment = new ProtoWriter();
        foreach (var (name, _) in hparams)
        {
            var info = new ProtoWriter();
            info.WriteStringField(1, name);
            experiment.WriteMessageField(4, info);
        }
        WriteHParamsEvent("_hparams_/experiment", 2, experiment, wallTime);

        var sessionStart = new ProtoWriter();
        foreach (var (name, value) in hparams)
        {
            var entry = new ProtoWriter();
            entry.WriteStringField(1, name);
            entry.WriteMessageField(2, StructValue(value));
            sessionStart.WriteMessageField(1, entry);
        }
        sessionStart.WriteDoubleField(5, wallTime);
        WriteHParamsEvent("_hparams_/session_start_info", 3, sessionStart, wallTime);

        var sessionEnd = new ProtoWriter();
        sessionEnd.WriteVarintField(1, 1);
        WriteHParamsEvent("_hparams_/session_end_info", 4, sessionEnd, wallTime);
    }

    public void Flush() => stream.Flush();

    private void WriteHParamsEvent(string tag, int dataField, ProtoWriter data, double wallTime)
    {
        var pluginData = new ProtoWriter();
        pluginData.WriteVarintField(1, 0);
        pluginData.WriteMessageField(dataField, data);
        var summaryValue = new ProtoWriter();
        summaryValue.WriteStringField(1, tag);
        summaryValue.WriteMessageField(9, PluginMetadata(TensorBoardEventParser.HParamsPlugin, dataClass: 0, pluginData.WrittenSpan));
        WriteSummaryEvent(0, wallTime, summaryValue);
    }

    /// <summary>A <c>google.protobuf.Value</c>.</summary>
    private static ProtoWriter StructValue(object? value)
    {
        var writer = new ProtoWriter();
        switch (value)
        {
            case null: writer.WriteVarintField(1, 0); break;
            case string text: writer.WriteStringField(3, text); break;
            case bool flag: writer.WriteVarintField(4, flag ? 1UL : 0UL); break;
            default: writer.WriteDoubleField(2, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
        return writer;
    }

    private static ProtoWriter TensorShape(long size)
    {
        var dimension = new ProtoWriter();
        dimension.WriteVarintField(1, (ulong)size);
        var shape = new ProtoWriter();
        shape.WriteMessageField(2, dimension);
        return shape;
    }

    private void WriteSummaryEvent(long step, double wallTime, ProtoWriter summaryValue)
    {
        var summary = new ProtoWriter();
        summary.WriteMessageField(1, summaryValue);
        var e = new ProtoWriter();
        e.WriteDoubleField(1, wallTime);
        if (step != 0)
        {
            e.WriteVarintField(2, (ulong)step);
        }
        e.WriteMessageField(5, summary);
        _records.Write(e.WrittenSpan);
    }

    private static ProtoWriter PluginMetadata(string pluginName, int dataClass, ReadOnlySpan<byte> content = default)
    {
        var pluginData = new ProtoWriter();
        pluginData.WriteStringField(1, pluginName);
        if (!content.IsEmpty)
        {
            pluginData.WriteBytesField(2, content);
        }
        var metadata = new ProtoWriter();
        metadata.WriteMessageField(1, pluginData);
        if (dataClass != 0)
        {
            metadata.WriteVarintField(4, (ulong)dataClass);
        }
        return metadata;
    }
}

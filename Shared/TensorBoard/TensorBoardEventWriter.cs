using System.Buffers.Binary;

namespace TensorBoard;

/// <summary>
/// Writes TensorBoard event files the way the real writers do: PyTorch's SummaryWriter (scalars as
/// <c>simple_value</c>, histograms as <c>HistogramProto</c>) and TensorBoard's own TF2-style writer (scalars as
/// one-element float tensors of the <c>scalars</c> plugin). Used by tests and the demo data generator; call
/// <see cref="Flush"/> to make what was written visible to readers.
/// </summary>
public sealed partial class TensorBoardEventWriter(Stream stream)
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

    public void Flush() => stream.Flush();

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

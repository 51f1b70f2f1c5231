using System.Globalization;

namespace TensorBoard;

/// <summary>The summaries the dashboard lists or takes as config rather than showing: text, images, audio, hparams.</summary>
public sealed partial class TensorBoardEventWriter
{
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
            default: writer.WriteDoubleField(2, Convert.ToDouble(value, CultureInfo.InvariantCulture)); break;
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
}

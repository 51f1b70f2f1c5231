using System.Text.Json;
using TensorBoard;

namespace Shared.Tests.TensorBoard;

public sealed class TensorBoardSummaryParserTests
{
    [Fact]
    public void Parser_ReadsTheHParamsSessionStart_AsPyTorchWritesIt()
    {
        using var stream = new MemoryStream();
        new TensorBoardEventWriter(stream).WriteHParams(
            [new("lr", 0.001), new("optimizer", "adam"), new("nesterov", false), new("seed", null), new("clip", double.NaN)], 1_795_400_998);
        var events = Parse(stream);

        // Experiment, session start, session end: only the session start carries values, and none is a summary to show.
        Assert.Equal([false, true, false], events.Select(e => e.HParams is not null));
        Assert.All(events, e => Assert.Empty(e.Values));
        Assert.All(events, e => Assert.Equal(0, e.OtherValues));
        var hparams = events[1].HParams!;
        Assert.Equal(0.001, hparams["lr"].GetDouble());
        Assert.Equal("adam", hparams["optimizer"].GetString());
        Assert.Equal(JsonValueKind.False, hparams["nesterov"].ValueKind);
        Assert.Equal(JsonValueKind.Null, hparams["seed"].ValueKind);
        Assert.Equal("NaN", hparams["clip"].GetString());
    }

    [Fact]
    public void Parser_ListsTextImageAudioAndOtherPlugins_ByKind()
    {
        using var stream = new MemoryStream();
        var writer = new TensorBoardEventWriter(stream);
        writer.WriteText("notes", 0, "hello", 1);
        writer.WriteImage("samples", 0, [1, 2, 3], height: 1, width: 1, 1);
        writer.WriteAudio("voice", 0, [1, 2, 3], 8_000, 1);
        var events = Parse(stream);
        var parser = new TensorBoardEventParser();
        var prCurve = new TensorBoardEvent();
        Assert.True(parser.TryParse(ProtoBytes.PluginEvent("pr/curve", "pr_curves", [], ProtoBytes.Message(8, ProtoBytes.VarintField(1, 1))), prCurve));
        var tf2Image = new TensorBoardEvent();
        Assert.True(parser.TryParse(ProtoBytes.PluginEvent("tf2/image", "images", [], ProtoBytes.Message(8, ProtoBytes.VarintField(1, 7))), tf2Image));

        Assert.Equal([("notes/text_summary", "text"), ("samples", "image"), ("voice", "audio"), ("pr/curve", "pr_curves"), ("tf2/image", "image")],
            events.Append(prCurve).Append(tf2Image).Select(e => Assert.Single(e.Values)).Select(v => (v.Tag, v.OtherKind!)));
        Assert.All(events.Append(prCurve), e => Assert.Equal(TensorBoardValueKind.Other, e.Values[0].Kind));
    }

    [Fact]
    public void Parser_RejectsARecord_WhoseHParamsRunPastTheirEnd_WithoutThrowing()
    {
        // Session start (field 3) claims 127 bytes and has 2.
        byte[] content = [0x1a, 0x7f, 0x0a, 0x00];

        var e = new TensorBoardEvent();
        Assert.False(new TensorBoardEventParser().TryParse(ProtoBytes.PluginEvent("_hparams_/session_start_info", "hparams", content), e));
        Assert.Null(e.HParams);
    }

    [Fact]
    public void Parser_LeavesOutHParamsBeyondItsBounds_AndValuesThatAreNotScalars()
    {
        var content = ProtoBytes.SessionStart(
        [
            ProtoBytes.Entry("kept", ProtoBytes.Text(3, "yes")),
            ProtoBytes.Entry(new string('n', HParamsPluginData.MaxNameBytes + 1), ProtoBytes.Double(2, 1)),
            ProtoBytes.Entry("long_text", ProtoBytes.Text(3, new string('x', HParamsPluginData.MaxStringBytes + 1))),
            ProtoBytes.Entry("a_list", ProtoBytes.Message(6, ProtoBytes.Message(1, ProtoBytes.Double(2, 1)))),
            ProtoBytes.Entry("wrong_wire_type", ProtoBytes.VarintField(2, 5)),
            .. Enumerable.Range(0, HParamsPluginData.MaxHParams).Select(i => ProtoBytes.Entry($"p{i:D4}", ProtoBytes.Double(2, i))),
        ]);

        var e = new TensorBoardEvent();
        Assert.True(new TensorBoardEventParser().TryParse(ProtoBytes.PluginEvent("_hparams_/session_start_info", "hparams", content), e));

        var hparams = e.HParams!;
        Assert.Equal(HParamsPluginData.MaxHParams, hparams.Count);
        Assert.Equal("yes", hparams["kept"].GetString());
        Assert.DoesNotContain("long_text", hparams.Keys);
        Assert.DoesNotContain("a_list", hparams.Keys);
        Assert.DoesNotContain("wrong_wire_type", hparams.Keys);
        Assert.Equal($"p{HParamsPluginData.MaxHParams - 2:D4}", hparams.Keys.Max(StringComparer.Ordinal));
    }

    private static List<TensorBoardEvent> Parse(MemoryStream stream)
    {
        stream.Position = 0;
        using var reader = new TfRecordReader(stream, 0);
        var parser = new TensorBoardEventParser();
        var events = new List<TensorBoardEvent>();
        while (reader.Read() == TfRecordReadStatus.Record)
        {
            var e = new TensorBoardEvent();
            Assert.True(parser.TryParse(reader.Data.Span, e));
            events.Add(e);
        }
        return events;
    }
}

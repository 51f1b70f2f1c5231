using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace TensorBoard;

/// <summary>
/// Reads the hyperparameters of a run from the <c>hparams</c> plugin's data
/// (tensorboard/plugins/hparams/plugin_data.proto): <c>HParamsPluginData.session_start_info</c> (field 3), whose
/// <c>hparams</c> (field 1) map a name to a <c>google.protobuf.Value</c>. PyTorch's <c>add_hparams</c>, Lightning's
/// <c>log_hyperparams</c> and TensorBoard's own <c>hp.hparams</c> all write it so.
/// <para>Hostile input stays bounded: at most <see cref="MaxHParams"/> entries, names up to
/// <see cref="MaxNameBytes"/> and strings up to <see cref="MaxStringBytes"/> bytes; an entry beyond these, or a value
/// that is a list or struct (TensorBoard shows only scalars), is left out. Malformed bytes throw
/// <see cref="InvalidDataException"/> from the reader, which rejects the record.</para>
/// </summary>
public static class HParamsPluginData
{
    public const int MaxHParams = 1000;
    public const int MaxNameBytes = 256;
    public const int MaxStringBytes = 4096;

    // HParamsPluginData
    private const int SessionStartInfoField = 3;

    // SessionStartInfo
    private const int HParamsField = 1;

    // map entry
    private const int KeyField = 1;
    private const int ValueField = 2;

    // google.protobuf.Value
    private const int NullValueField = 1;
    private const int NumberValueField = 2;
    private const int StringValueField = 3;
    private const int BoolValueField = 4;

    /// <summary>The session's hyperparameters, or null when the data is not a session start (an experiment, a session end).</summary>
    public static Dictionary<string, JsonElement>? ReadSessionStart(ReadOnlySpan<byte> content)
    {
        var reader = new ProtoReader(content);
        Dictionary<string, JsonElement>? hparams = null;
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field == SessionStartInfoField && wireType == WireType.LengthDelimited)
            {
                hparams = ReadHParams(reader.ReadLengthDelimited());
            }
            else
            {
                reader.Skip(wireType);
            }
        }
        return hparams;
    }

    private static Dictionary<string, JsonElement> ReadHParams(ReadOnlySpan<byte> sessionStart)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var count = 0;
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            var reader = new ProtoReader(sessionStart);
            while (reader.TryReadTag(out var field, out var wireType))
            {
                if (field == HParamsField && wireType == WireType.LengthDelimited)
                {
                    var entry = reader.ReadLengthDelimited();
                    if (count < MaxHParams && TryWriteEntry(entry, json))
                    {
                        count++;
                    }
                }
                else
                {
                    reader.Skip(wireType);
                }
            }
            json.WriteEndObject();
        }

        // A map written twice under one name keeps its last value, as protobuf's maps do.
        var hparams = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            hparams[property.Name] = property.Value.Clone();
        }
        return hparams;
    }

    private static bool TryWriteEntry(ReadOnlySpan<byte> entry, Utf8JsonWriter json)
    {
        ReadOnlySpan<byte> name = default;
        ReadOnlySpan<byte> value = default;
        var hasName = false;
        var hasValue = false;
        var reader = new ProtoReader(entry);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (KeyField, WireType.LengthDelimited): name = reader.ReadLengthDelimited(); hasName = true; break;
                case (ValueField, WireType.LengthDelimited): value = reader.ReadLengthDelimited(); hasValue = true; break;
                default: reader.Skip(wireType); break;
            }
        }
        if (!hasName || !hasValue || name.IsEmpty || name.Length > MaxNameBytes || !Utf8.IsValid(name))
        {
            return false;
        }

        var kind = 0;
        double number = 0;
        var flag = false;
        ReadOnlySpan<byte> text = default;
        var valueReader = new ProtoReader(value);
        while (valueReader.TryReadTag(out var field, out var wireType))
        {
            switch (field, wireType)
            {
                case (NullValueField, WireType.Varint): valueReader.ReadVarint(); kind = NullValueField; break;
                case (NumberValueField, WireType.Fixed64): number = valueReader.ReadDouble(); kind = NumberValueField; break;
                case (StringValueField, WireType.LengthDelimited): text = valueReader.ReadLengthDelimited(); kind = StringValueField; break;
                case (BoolValueField, WireType.Varint): flag = valueReader.ReadVarint() != 0; kind = BoolValueField; break;
                default: valueReader.Skip(wireType); kind = 0; break;
            }
        }

        switch (kind)
        {
            case NullValueField:
                json.WriteNull(name);
                return true;
            case NumberValueField when double.IsFinite(number):
                json.WriteNumber(name, number);
                return true;
            case NumberValueField:
                // JSON has no NaN or infinity: written as the wire model writes non-finite numbers.
                json.WriteString(name, double.IsNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity");
                return true;
            case StringValueField when text.Length <= MaxStringBytes && Utf8.IsValid(text):
                json.WriteString(name, text);
                return true;
            case BoolValueField:
                json.WriteBoolean(name, flag);
                return true;
            default:
                return false;
        }
    }
}

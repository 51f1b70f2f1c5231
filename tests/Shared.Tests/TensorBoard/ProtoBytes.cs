using System.Buffers.Binary;
using System.Text;

namespace Shared.Tests.TensorBoard;

/// <summary>Protocol Buffers fields written byte by byte, for records no real writer would make.</summary>
internal static class ProtoBytes
{
    public static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }
        bytes.Add((byte)value);
        return [.. bytes];
    }

    public static byte[] Tag(int field, int wireType) => Varint(((ulong)field << 3) | (uint)wireType);

    public static byte[] Message(int field, params byte[][] parts)
    {
        var payload = parts.SelectMany(p => p).ToArray();
        return [.. Tag(field, 2), .. Varint((ulong)payload.Length), .. payload];
    }

    public static byte[] Text(int field, string text) => Message(field, Encoding.UTF8.GetBytes(text));

    public static byte[] VarintField(int field, ulong value) => [.. Tag(field, 0), .. Varint(value)];

    public static byte[] Double(int field, double value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        return [.. Tag(field, 1), .. bytes];
    }

    /// <summary>An Event at step 1 with one summary value of <paramref name="tag"/> whose metadata names <paramref name="plugin"/> and carries <paramref name="content"/>.</summary>
    public static byte[] PluginEvent(string tag, string plugin, byte[] content, params byte[][] valueFields) =>
        [.. Double(1, 1_795_400_998), .. VarintField(2, 1), .. Message(5, Message(1, [
            Text(1, tag), .. valueFields, Message(9, Message(1, Text(1, plugin), Message(2, content))),
        ]))];

    /// <summary>A <c>HParamsPluginData</c> whose session start holds the given map entries.</summary>
    public static byte[] SessionStart(params byte[][] entries) => Message(3, entries);

    /// <summary>One <c>hparams</c> map entry: name and a <c>google.protobuf.Value</c> made of <paramref name="valueFields"/>.</summary>
    public static byte[] Entry(string name, params byte[][] valueFields) => Message(1, Text(1, name), Message(2, valueFields));
}

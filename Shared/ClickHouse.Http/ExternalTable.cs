using System.Buffers;
using System.Text;

namespace ClickHouse.Http;

/// <summary>
/// A small table sent along with a query as ClickHouse "external data" (a multipart part in TabSeparated form),
/// which the query reads by name, e.g. <c>WHERE run_id IN (SELECT run_id FROM wanted)</c>. This is how every
/// string value reaches ClickHouse: it never becomes part of the SQL text, so no quoting can go wrong, and it
/// works on every server version (18.x has no query parameters). The primary key is still used for
/// <c>IN</c> against such a table.
/// </summary>
public sealed class ExternalTable
{
    private readonly ArrayBufferWriter<byte> _content = new(256);
    private readonly int _columnCount;

    /// <param name="name">An identifier of our own choosing, e.g. "wanted".</param>
    /// <param name="structure">Column names and types, e.g. "run_id String, metric String".</param>
    public ExternalTable(string name, string structure)
    {
        if (!MetricTable.IsIdentifier(name))
        {
            throw new ArgumentException($"'{name}' is not an identifier.", nameof(name));
        }
        Name = name;
        Structure = structure;
        _columnCount = structure.Split(',').Length;
    }

    public string Name { get; }

    public string Structure { get; }

    internal ReadOnlyMemory<byte> Content => _content.WrittenMemory;

    public static ExternalTable Of(string name, string structure, params ReadOnlySpan<string> row)
    {
        var table = new ExternalTable(name, structure);
        table.AddRow(row);
        return table;
    }

    public ExternalTable AddRow(params ReadOnlySpan<string> values)
    {
        if (values.Length != _columnCount)
        {
            throw new ArgumentException($"{Name} has {_columnCount} columns, not {values.Length}.", nameof(values));
        }
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                _content.Write("\t"u8);
            }
            WriteEscaped(values[i]);
        }
        _content.Write("\n"u8);
        return this;
    }

    private void WriteEscaped(string value)
    {
        var utf8 = _content.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length));
        var length = Encoding.UTF8.GetBytes(value, utf8);
        if (utf8[..length].IndexOfAny(TabSeparated.NeedsEscape) < 0)
        {
            _content.Advance(length);
            return;
        }
        // Rare (a run id with a tab or backslash): copy out, because escaping writes into the same buffer.
        foreach (var b in utf8[..length].ToArray())
        {
            var escape = TabSeparated.EscapeLetter(b);
            var destination = _content.GetSpan(2);
            if (escape == 0)
            {
                destination[0] = b;
                _content.Advance(1);
            }
            else
            {
                destination[0] = (byte)'\\';
                destination[1] = escape;
                _content.Advance(2);
            }
        }
    }
}

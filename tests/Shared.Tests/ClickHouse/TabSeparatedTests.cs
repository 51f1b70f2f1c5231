using System.Text;
using ClickHouse.Http;

namespace Shared.Tests.ClickHouse;

public sealed class TabSeparatedTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\\tb", "a\tb")]
    [InlineData("a\\\\b", "a\\b")]
    [InlineData("\\'quoted\\'", "'quoted'")]
    [InlineData("line\\nbreak\\r", "line\nbreak\r")]
    [InlineData("\\x7e", "~")]
    [InlineData("trailing\\", "trailing\\")]
    public void Unescape_UndoesClickHouseEscapes(string escaped, string expected)
    {
        var source = Encoding.UTF8.GetBytes(escaped);
        var destination = new byte[source.Length];

        var length = TabSeparated.Unescape(source, destination);

        Assert.Equal(expected, Encoding.UTF8.GetString(destination, 0, length));
    }
}

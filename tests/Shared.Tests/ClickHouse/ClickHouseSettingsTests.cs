using ClickHouse.Http;

namespace Shared.Tests.ClickHouse;

public sealed class ClickHouseSettingsTests
{
    [Fact]
    public void Parse_ReadsTheDriverForm()
    {
        var settings = ClickHouseSettings.Parse("Host=10.1.2.3;Port=18123;Database=training_observability;Username=reader;Password=s3cret;Compression=false");

        Assert.Equal(new Uri("http://10.1.2.3:18123/"), settings.Endpoint);
        Assert.Equal("training_observability", settings.Database);
        Assert.Equal("reader", settings.Username);
        Assert.Equal("s3cret", settings.Password);
        Assert.False(settings.Compression);
        Assert.DoesNotContain("s3cret", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UsesTheDriverDefaults_WhenKeysAreLeftOut()
    {
        var settings = ClickHouseSettings.Parse("Host=ch.internal;Protocol=https;Path=proxy/clickhouse");

        Assert.Equal(new Uri("https://ch.internal:8443/proxy/clickhouse/"), settings.Endpoint);
        Assert.Equal("default", settings.Database);
        Assert.Equal("default", settings.Username);
        Assert.True(settings.Compression);
    }

    [Fact]
    public void Parse_Throws_WhenTheProtocolIsNotHttp()
    {
        Assert.Throws<FormatException>(() => ClickHouseSettings.Parse("Host=h;Protocol=ftp;Port=21"));
    }

    [Fact]
    public void ForDriver_AddsTheJsonModes_OnlyWhenAbsent()
    {
        var added = ClickHouseSettings.ForDriver("Host=h");
        var kept = ClickHouseSettings.ForDriver("Host=h;JsonReadMode=Binary");

        Assert.Contains("jsonreadmode=none", added, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("jsonwritemode=none", added, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("jsonreadmode=binary", kept, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("jsonreadmode=none", kept, StringComparison.OrdinalIgnoreCase);
    }
}

using Contracts.Analytics;

namespace Shared.Tests.Analytics;

public sealed class TimestepFormatTests
{
    [Theory]
    [InlineData("2022-01-01 06:30:00", "2022-01-01T06:30:00")]
    [InlineData("2022-01-01T06:30:00", "2022-01-01T06:30:00")]
    [InlineData("2022-01-01 06:30:00.500000", "2022-01-01T06:30:00.5")]
    [InlineData("2022-01-01 06:30:00.123456789", "2022-01-01T06:30:00.1234567")]
    [InlineData("2022-01-01 06:30:00+00:00", "2022-01-01T06:30:00")]
    [InlineData("2022-01-01T06:30:00Z", "2022-01-01T06:30:00")]
    [InlineData("2022-01-01", "2022-01-01T00:00:00")]
    public void TryParse_AcceptsPandasAndIsoSpellings_AndFormatWritesOneSpelling(string text, string formatted)
    {
        Assert.True(TimestepFormat.TryParse(text, out var timestep));
        Assert.Equal(formatted, TimestepFormat.Format(timestep.Value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2022-13-01 06:30:00")]
    [InlineData("2022-01-01 25:00:00")]
    [InlineData("06:30:00")]
    public void TryParse_Rejects_WhatIsNotATimestep(string text)
    {
        Assert.False(TimestepFormat.TryParse(text, out _));
    }

    [Fact]
    public void Format_SortsAsTimeDoes_WithAndWithoutFractions()
    {
        var times = new[] { new DateTime(2022, 1, 1, 6, 0, 1), new DateTime(2022, 1, 1, 6, 0, 0).AddMilliseconds(500), new DateTime(2022, 1, 1, 6, 0, 0) };

        var formatted = times.Select(TimestepFormat.Format).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(times.Order().Select(TimestepFormat.Format), formatted);
    }
}

using ClickHouse.Http;
using TestSupport;
using TestSupport.ClickHouse;

namespace Shared.Tests.ClickHouse;

public sealed class ClickHouseHttpClientTests(ClickHouseServerFixture clickHouse)
{
    public static TheoryData<string> HostileStrings =>
    [
        "it's",
        "'; DROP TABLE metric_points; --",
        "back\\slash\\",
        "tab\there",
        "new\nline\r\n",
        "nul\0byte",
        "ünïcødé ✓ 训练 🚀",
        "\\N",
        "{x:String}",
        "\\'; SELECT 1 --",
    ];

    [Theory]
    [MemberData(nameof(HostileStrings))]
    public async Task ExternalTable_CarriesAValueUnchanged_WhateverItHolds(string value)
    {
        await using var database = await clickHouse.CreateDatabaseAsync(withMetricTable: false);
        var table = ExternalTable.Of("wanted", "value String, length UInt64", value, System.Text.Encoding.UTF8.GetByteCount(value).ToString(System.Globalization.CultureInfo.InvariantCulture));

        await using var response = await database.Client.QueryAsync(
            "SELECT value, length(value) = length FROM wanted FORMAT TabSeparated", [table], TestContext.Current.CancellationToken);

        var rows = await ReadAllAsync(response.Rows);
        var row = Assert.Single(rows);
        Assert.Equal(value, row[0]);
        Assert.Equal("1", row[1]);
    }

    [Theory]
    [MemberData(nameof(HostileStrings))]
    public async Task ExternalTable_FindsRowsOfARunId_WhateverItHolds(string runId)
    {
        await using var database = await clickHouse.CreateDatabaseAsync();
        var now = DateTimeOffset.UtcNow;
        await database.InsertAsync(
            new TestMetricPoint(runId, "loss", 1, 0.5, now),
            new TestMetricPoint("other", "loss", 1, 0.7, now));

        await using var response = await database.Client.QueryAsync(
            $"SELECT run_id, value FROM {database.Name}.metric_points WHERE run_id IN (SELECT run_id FROM wanted) FORMAT TabSeparated",
            [ExternalTable.Of("wanted", "run_id String", runId)], TestContext.Current.CancellationToken);

        var row = Assert.Single(await ReadAllAsync(response.Rows));
        Assert.Equal([runId, "0.5"], row);
        Assert.Equal(2, await database.CountAsync());
    }

    [Fact]
    public async Task Query_ThrowsWithTheServerCode_WhenTheTableDoesNotExist()
    {
        await using var database = await clickHouse.CreateDatabaseAsync(withMetricTable: false);

        var exception = await Assert.ThrowsAsync<ClickHouseException>(
            () => database.Client.QueryAsync($"SELECT 1 FROM {database.Name}.nope FORMAT TabSeparated", cancellationToken: TestContext.Current.CancellationToken));

        Assert.True(exception.IsUnknownTable);
        Assert.False(exception.IsUnreachable);
        Assert.Contains("doesn't exist", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_ThrowsUnreachable_WhenNothingListens()
    {
        using var client = new ClickHouseHttpClient(ClickHouseSettings.Parse($"Host=127.0.0.1;Port={FreePort.Next()}"));

        var exception = await Assert.ThrowsAsync<ClickHouseException>(
            () => client.QueryAsync("SELECT 1 FORMAT TabSeparated", cancellationToken: TestContext.Current.CancellationToken));

        Assert.True(exception.IsUnreachable);
    }

    [Fact]
    public async Task OpenMetricTable_FindsSecondTimes_OnTheTestSchema()
    {
        await using var database = await clickHouse.CreateDatabaseAsync();

        var table = await MetricTable.OpenAsync(database.Client, ClickHouseTestDatabase.TableName, TestContext.Current.CancellationToken);

        Assert.False(table.HasMillisecondTime);
        Assert.Equal($"`{database.Name}`.`metric_points`", table.QualifiedName);
        Assert.Equal("event_time >= toDateTime(1765000001)", table.TimeAtLeast(1_765_000_000_001));
        Assert.Equal("event_time <= toDateTime(1765000000)", table.TimeAtMost(1_765_000_000_999));
    }

    [Fact]
    public async Task OpenMetricTable_NamesTheTable_WhenItIsMissing()
    {
        await using var database = await clickHouse.CreateDatabaseAsync(withMetricTable: false);

        var exception = await Assert.ThrowsAsync<MetricTableException>(
            () => MetricTable.OpenAsync(database.Client, "metric_points", TestContext.Current.CancellationToken));

        Assert.Equal($"{database.Name}.metric_points", exception.QualifiedName);
        Assert.Contains($"The table {database.Name}.metric_points does not exist", exception.Message, StringComparison.Ordinal);
    }

    private static async Task<List<string[]>> ReadAllAsync(TabSeparatedReader reader)
    {
        var strings = new Utf8StringCache();
        var rows = new List<string[]>();
        while (await reader.ReadMoreAsync(TestContext.Current.CancellationToken))
        {
            while (reader.TryReadLine(out var line))
            {
                var fields = new TabSeparatedFields(line);
                rows.Add([fields.NextString(strings), fields.NextString(strings)]);
                fields.End();
            }
        }
        return rows;
    }
}

using ClickHouse.Http;
using StreamApi.History;

namespace StreamApi.Tests.History;

public sealed class HistoryFailuresTests
{
    [Fact]
    public void Describe_KeepsClickHousesOwnTextOut_WhenTheServerFailsTheQuery()
    {
        var exception = new ClickHouseException(
            "ClickHouse answered 500: Code: 62. DB::Exception: Syntax error: failed at position 8 (SELECT run_id FROM `training_observability`.`metric_points` WHERE user = 'dashboard'). (SYNTAX_ERROR) (version 23.8.2.7 (official build))",
            serverCode: 62);

        var description = HistoryFailures.Describe(exception);

        Assert.Contains("error 62", description, StringComparison.Ordinal);
        foreach (var secret in (string[])["SELECT", "DB::Exception", "version", "dashboard", "metric_points"])
        {
            Assert.DoesNotContain(secret, description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Describe_SaysUnreachable_WithoutTheAddress()
    {
        var exception = new ClickHouseException("ClickHouse at http://clickhouse.internal:8123/ is unreachable: Connection refused", isUnreachable: true);

        var description = HistoryFailures.Describe(exception);

        Assert.Contains("unreachable", description, StringComparison.Ordinal);
        Assert.DoesNotContain("clickhouse.internal", description, StringComparison.Ordinal);
    }
}

using ClickHouse.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AppHost.Resources;

/// <summary>
/// Healthy when ClickHouse answers a query. For a server AppHost started itself, the dashboard's schema is created
/// first, so nothing that waits for ClickHouse starts before the table exists.
/// </summary>
/// <remarks>One instance lives as long as AppHost, keeping its client and whether the schema exists.</remarks>
public sealed class ClickHouseHealthCheck(Func<string> connectionString, bool createSchema) : IHealthCheck
{
    private ClickHouseHttpClient? _client;
    private bool _schemaCreated;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // The server's own database: the dashboard's may not exist yet, and every statement names its tables in full.
            _client ??= new ClickHouseHttpClient(ClickHouseSettings.Parse(connectionString()) with { Database = "default" });
            if (createSchema && !_schemaCreated)
            {
                await ClickHouseSchema.CreateAsync(_client, cancellationToken);
                _schemaCreated = true;
            }
            await _client.QueryScalarAsync("SELECT 1 FORMAT TabSeparated", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (ClickHouseException exception)
        {
            return HealthCheckResult.Unhealthy(exception.Message);
        }
    }
}

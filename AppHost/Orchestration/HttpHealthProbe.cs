using System.Net;

namespace AppHost.Orchestration;

/// <summary>Aspire's HTTP health check: <c>GET /health</c> answers 200.</summary>
public sealed class HttpHealthProbe(HttpClient client)
{
    public const string HealthPath = "/health";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheck> CheckAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var response = await client.GetAsync(new Uri(baseAddress, HealthPath), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.StatusCode == HttpStatusCode.OK
                ? HealthCheck.Healthy
                : HealthCheck.Unhealthy($"{HealthPath} answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException exception)
        {
            return HealthCheck.Unhealthy($"{HealthPath} unreachable: {exception.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheck.Unhealthy($"{HealthPath} did not answer within {Timeout.TotalSeconds:F0} s");
        }
    }
}

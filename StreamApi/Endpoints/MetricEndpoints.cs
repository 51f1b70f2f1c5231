using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StreamApi.TrainingMetrics;

namespace StreamApi.Endpoints;

public static class MetricEndpoints
{
    public static IEndpointRouteBuilder MapMetricEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics/" + RouteRunId.Template, GetMetricAsync)
            .WithName("GetMetricHistory")
            .AddEndpointFilter<RedisUnavailableFilter>();
        return app;
    }

    /// <summary>One metric of one run at full resolution within a range, decimated on the server (docs/protocol.md).</summary>
    public static async Task<Results<Ok<MetricsResponse>, ValidationProblem, ProblemHttpResult>> GetMetricAsync(
        RouteRunId route,
        [FromQuery(Name = "metric")] string? metric,
        [FromQuery(Name = "from_step")] string? fromStep,
        [FromQuery(Name = "to_step")] string? toStep,
        [FromQuery(Name = "from_time")] string? fromTime,
        [FromQuery(Name = "to_time")] string? toTime,
        [FromQuery(Name = "max_points")] string? maxPoints,
        MetricHistoryService history,
        CancellationToken cancellationToken)
    {
        var runId = route.Value;
        var errors = new Dictionary<string, string[]>();
        RunId.Validate(runId, errors);
        var request = MetricsRequest.Parse(metric, fromStep, toStep, fromTime, toTime, maxPoints, errors);
        if (request is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return HistoryResults.From(await history.ReadAsync(runId, request, cancellationToken));
    }
}

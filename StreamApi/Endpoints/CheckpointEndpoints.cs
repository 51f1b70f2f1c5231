using Microsoft.AspNetCore.Http.HttpResults;
using StreamApi.Checkpoints;

namespace StreamApi.Endpoints;

public static class CheckpointEndpoints
{
    public static IEndpointRouteBuilder MapCheckpointEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/checkpoints/" + RouteRunId.Template, GetCheckpointsAsync)
            .WithName("GetCheckpoints")
            .AddEndpointFilter<RedisUnavailableFilter>();
        return app;
    }

    public static async Task<Results<Ok<CheckpointsResponse>, ValidationProblem, ProblemHttpResult>> GetCheckpointsAsync(
        RouteRunId route,
        CheckpointService checkpoints,
        CancellationToken cancellationToken)
    {
        var runId = route.Value;
        var errors = new Dictionary<string, string[]>();
        RunId.Validate(runId, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return HistoryResults.From(await checkpoints.ReadAsync(runId, cancellationToken));
    }
}

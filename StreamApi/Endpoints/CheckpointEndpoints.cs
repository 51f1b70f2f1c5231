using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StreamApi.Checkpoints;

namespace StreamApi.Endpoints;

public static class CheckpointEndpoints
{
    public static IEndpointRouteBuilder MapCheckpointEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/checkpoints/{run_id}", GetCheckpointsAsync)
            .WithName("GetCheckpoints")
            .AddEndpointFilter<RedisUnavailableFilter>();
        return app;
    }

    public static async Task<Results<Ok<CheckpointsResponse>, ValidationProblem, ProblemHttpResult>> GetCheckpointsAsync(
        [FromRoute(Name = "run_id")] string runId,
        CheckpointService checkpoints,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        RunId.Validate(runId, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return HistoryResults.From(await checkpoints.ReadAsync(runId, cancellationToken));
    }
}

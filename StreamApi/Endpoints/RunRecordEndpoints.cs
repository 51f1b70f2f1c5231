using Microsoft.AspNetCore.Http.HttpResults;
using StreamApi.Checkpoints;
using StreamApi.Milestones;
using StreamApi.TrainingMetrics;

namespace StreamApi.Endpoints;

/// <summary>What a run records beside its metrics, one list per run: its checkpoints and its milestones.</summary>
public static class RunRecordEndpoints
{
    public static IEndpointRouteBuilder MapRunRecordEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/checkpoints/" + RouteRunId.Template, (RouteRunId route, CheckpointService checkpoints, CancellationToken cancellationToken) =>
                ForRunAsync(route, runId => checkpoints.ReadAsync(runId, cancellationToken)))
            .WithName("GetCheckpoints")
            .AddEndpointFilter<RedisUnavailableFilter>();
        app.MapGet("/milestones/" + RouteRunId.Template, (RouteRunId route, MilestoneService milestones, CancellationToken cancellationToken) =>
                ForRunAsync(route, runId => milestones.ReadAsync(runId, cancellationToken)))
            .WithName("GetMilestones")
            .AddEndpointFilter<RedisUnavailableFilter>();
        return app;
    }

    /// <summary>400 for a run id no run can have; otherwise what <paramref name="read"/> answers for it.</summary>
    private static async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> ForRunAsync<T>(
        RouteRunId route, Func<string, Task<HistoryOutcome<T>>> read) where T : class
    {
        var errors = new Dictionary<string, string[]>();
        RunId.Validate(route.Value, errors);
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : HistoryResults.From(await read(route.Value));
    }
}

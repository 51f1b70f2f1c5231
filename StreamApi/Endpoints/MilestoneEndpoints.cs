using Microsoft.AspNetCore.Http.HttpResults;
using StreamApi.Milestones;

namespace StreamApi.Endpoints;

public static class MilestoneEndpoints
{
    public static IEndpointRouteBuilder MapMilestoneEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/milestones/" + RouteRunId.Template, GetMilestonesAsync)
            .WithName("GetMilestones")
            .AddEndpointFilter<RedisUnavailableFilter>();
        return app;
    }

    public static async Task<Results<Ok<MilestonesResponse>, ValidationProblem, ProblemHttpResult>> GetMilestonesAsync(
        RouteRunId route,
        MilestoneService milestones,
        CancellationToken cancellationToken)
    {
        var runId = route.Value;
        var errors = new Dictionary<string, string[]>();
        RunId.Validate(runId, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return HistoryResults.From(await milestones.ReadAsync(runId, cancellationToken));
    }
}

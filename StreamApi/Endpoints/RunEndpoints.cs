using Microsoft.AspNetCore.Http.HttpResults;
using StreamApi.Runs;

namespace StreamApi.Endpoints;

public static class RunEndpoints
{
    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/runs", GetRunsAsync).WithName("GetRuns").AddEndpointFilter<RedisUnavailableFilter>();
        return app;
    }

    /// <summary>Every run, active ones first, then by most recent data.</summary>
    public static async Task<Ok<RunsResponse>> GetRunsAsync(RunCatalog catalog)
    {
        var runs = await catalog.GetAllAsync();
        Array.Sort(runs, static (a, b) => a.IsActive != b.IsActive ? b.IsActive.CompareTo(a.IsActive) : b.LastEventTime.CompareTo(a.LastEventTime));
        return TypedResults.Ok(new RunsResponse(runs));
    }
}

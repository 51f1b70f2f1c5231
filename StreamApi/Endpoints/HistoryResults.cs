using Microsoft.AspNetCore.Http.HttpResults;
using StreamApi.TrainingMetrics;

namespace StreamApi.Endpoints;

internal static class HistoryResults
{
    /// <summary>200 with the answer, 404 when the run or metric is unknown, 503 when the source is unreachable.</summary>
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> From<T>(HistoryOutcome<T> outcome) where T : class
    {
        if (outcome.Value is { } value)
        {
            return TypedResults.Ok(value);
        }
        return outcome.NotFound is { } missing
            ? TypedResults.Problem(title: "Not found", detail: missing, statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Problem(title: "History is not reachable", detail: outcome.Unavailable, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

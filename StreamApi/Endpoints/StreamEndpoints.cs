using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StreamApi.Streaming;

namespace StreamApi.Endpoints;

public static class StreamEndpoints
{
    public static IEndpointRouteBuilder MapStreamEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/stream", StreamAsync)
            .WithName("Stream")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return app;
    }

    public static async Task<Results<EmptyHttpResult, ValidationProblem>> StreamAsync(
        HttpContext context,
        StreamSession session,
        IHostApplicationLifetime lifetime,
        [FromQuery(Name = "runs")] string[]? runs,
        [FromQuery(Name = "run")] string[]? run,
        [FromQuery(Name = "metrics")] string[]? metrics,
        [FromQuery(Name = "last_event_id")] string? lastEventIdQuery,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventIdHeader)
    {
        var errors = new Dictionary<string, string[]>();
        var runIds = FilterList.Parse(runs, "runs", errors, exact: run, exactName: "run");
        var metricPrefixes = FilterList.Parse(metrics, "metrics", errors);
        long? lastEventId = null;
        if (lastEventIdQuery is not null)
        {
            if (long.TryParse(lastEventIdQuery, NumberStyles.None, CultureInfo.InvariantCulture, out var fromQuery))
            {
                lastEventId = fromQuery;
            }
            else
            {
                errors["last_event_id"] = ["last_event_id must be a non-negative integer (the id of the last event received)."];
            }
        }
        else if (long.TryParse(lastEventIdHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var fromHeader))
        {
            // A header the browser sends by itself; one we cannot read just means starting with a snapshot.
            lastEventId = fromHeader;
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-transform";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            var end = await session.RunAsync(new SseWriter(response.BodyWriter), new StreamFilter(runIds, metricPrefixes), lastEventId, stopping.Token);
            if (end == StreamEnd.Evicted)
            {
                // Its socket may be full: completing the response would wait on it, so cut the connection.
                context.Abort();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        return TypedResults.Empty;
    }
}

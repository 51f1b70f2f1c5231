using Contracts.Wire.Binary;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using StreamApi.Streaming;
using StreamApi.Telemetry;

namespace StreamApi.Endpoints;

public static class SnapshotEndpoints
{
    public static IEndpointRouteBuilder MapSnapshotEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/snapshot", GetSnapshotAsync)
            .WithName("Snapshot")
            .Produces(StatusCodes.Status200OK, contentType: CompactSnapshot.MediaType);
        return app;
    }

    /// <summary>
    /// The snapshot as binary columns, compressed once per snapshot, filter and coding (docs/protocol.md, "GET
    /// /snapshot"). A client continues with <c>/stream?last_event_id=</c> its seq. The same snapshot answers a
    /// revalidation with 304: an idle dashboard reloads without sending it again.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ValidationProblem>> GetSnapshotAsync(
        HttpContext context,
        SnapshotStore snapshots,
        FilteredViewCache views,
        StreamApiMetrics metrics,
        [FromQuery(Name = "runs")] string[]? runs,
        [FromQuery(Name = "run")] string[]? run,
        [FromQuery(Name = "metrics")] string[]? metricPrefixes)
    {
        var errors = new Dictionary<string, string[]>();
        var runIds = FilterList.Parse(runs, "runs", errors, exact: run, exactName: "run");
        var prefixes = FilterList.Parse(metricPrefixes, "metrics", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var filter = new StreamFilter(runIds, prefixes);
        var snapshot = await snapshots.GetAsync(filter, context.RequestAborted);
        var coding = ContentCodingNegotiation.Choose(context.Request);
        var encoding = ContentCodingNegotiation.HeaderValue(coding);
        // One tag per representation: the same snapshot compressed differently is other bytes.
        var tag = new EntityTagHeaderValue($"\"{snapshot.Seq}-{encoding ?? "identity"}\"");
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = tag;
        headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (context.Request.GetTypedHeaders().IfNoneMatch.Any(held => held.Equals(EntityTagHeaderValue.Any) || held.Compare(tag, useStrongComparison: false)))
        {
            metrics.CompactSnapshots.Add(1, new("encoding", encoding ?? "identity"), new("not_modified", true));
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var bytes = snapshot.CompactFor(filter, coding, views);
        if (encoding is not null)
        {
            context.Response.Headers.ContentEncoding = encoding;
        }
        metrics.CompactSnapshots.Add(1, new("encoding", encoding ?? "identity"), new("not_modified", false));
        return TypedResults.Bytes(bytes, CompactSnapshot.MediaType);
    }
}

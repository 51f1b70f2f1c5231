using Microsoft.AspNetCore.Http.Features;

namespace StreamApi.Endpoints;

/// <summary>
/// The run id at the end of a path (<c>/metrics/{**run_id}</c>), exactly as the client meant it: a run id may hold
/// any character, <c>/</c> and <c>%</c> included (docs/protocol.md). The client sends it percent-encoded as one
/// segment; the route is a catch-all so that an unencoded slash (<c>/metrics/a/b</c>) reaches run <c>a/b</c> too.
/// </summary>
public sealed class RouteRunId
{
    public const string Parameter = "run_id";

    public const string Template = "{**" + Parameter + "}";

    private RouteRunId(string value) => Value = value;

    public string Value { get; }

    /// <summary>Minimal APIs bind a parameter of this type with this method.</summary>
    public static ValueTask<RouteRunId?> BindAsync(HttpContext context)
    {
        var routed = context.GetRouteValue(Parameter) as string ?? "";
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        // Without a raw target that lines up with the route (a test host, a path with dot segments), an encoded
        // slash is taken for a slash, its usual meaning.
        var value = RawPathTail.Decode(rawTarget, routed) ?? routed.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        return ValueTask.FromResult<RouteRunId?>(new RouteRunId(value));
    }
}

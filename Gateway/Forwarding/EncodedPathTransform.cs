using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Forwarding;

/// <summary>
/// Forwards the path as the client encoded it. YARP builds the destination's path from the decoded path, in which
/// Kestrel left an encoded slash as <c>%2F</c>, and escapes its <c>%</c>: run <c>a/b</c>, sent as
/// <c>/metrics/a%2Fb</c>, would reach StreamApi as <c>/metrics/a%252Fb</c>, the run <c>a%2Fb</c>. Routes whose
/// transforms change the path (<c>/streamapi/health</c>) keep YARP's own.
/// </summary>
public sealed class EncodedPathTransform : RequestTransform
{
    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        var request = context.HttpContext.Request;
        if (!string.Equals(context.Path.Value, request.Path.Value, StringComparison.Ordinal) || request.PathBase.HasValue)
        {
            return ValueTask.CompletedTask;
        }
        var rawTarget = context.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (EncodedPath.FromRawTarget(rawTarget, request.Path.Value ?? "") is { } path)
        {
            context.ProxyRequest.RequestUri = new Uri(
                context.DestinationPrefix.TrimEnd('/') + path + context.Query.QueryString.ToUriComponent(), UriKind.Absolute);
        }
        return ValueTask.CompletedTask;
    }
}

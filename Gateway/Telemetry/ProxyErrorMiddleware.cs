using Microsoft.AspNetCore.Http.Timeouts;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Gateway.Telemetry;

/// <summary>Counts and logs every proxied request YARP could not complete (destination down, timeout, client gone).</summary>
public sealed partial class ProxyErrorMiddleware(RequestDelegate next, GatewayMetrics metrics, ILogger<ProxyErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);

        if (context.Features.Get<IForwarderErrorFeature>() is not { } failure)
        {
            return;
        }
        var cluster = context.Features.Get<IReverseProxyFeature>()?.Cluster.Config.ClusterId ?? "";
        var error = failure.Error;
        // The request-timeouts middleware cancels the same token a client disconnect does, so YARP reports its
        // timeout as a canceled request (400). Tell the client the truth: the destination was too slow.
        if (error == ForwarderError.RequestCanceled
            && context.Features.Get<IHttpRequestTimeoutFeature>()?.RequestTimeoutToken.IsCancellationRequested == true)
        {
            error = ForwarderError.RequestTimedOut;
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
            }
        }
        metrics.ProxyErrors.Add(1, new("cluster", cluster), new("error", error.ToString()));
        // A browser closing a tab ends its stream: ordinary, so not a warning.
        if (error is ForwarderError.RequestCanceled or ForwarderError.ResponseBodyCanceled)
        {
            Log.ClientCanceled(logger, context.Request.Path, cluster);
        }
        else
        {
            Log.ProxyFailed(logger, error, context.Request.Path, cluster, failure.Exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Proxying {Path} to cluster {Cluster} failed: {Error}")]
        public static partial void ProxyFailed(ILogger logger, ForwarderError error, PathString path, string cluster, Exception? exception);

        [LoggerMessage(2, LogLevel.Debug, "The client canceled {Path} (cluster {Cluster})")]
        public static partial void ClientCanceled(ILogger logger, PathString path, string cluster);
    }
}

using AppHost.Settings;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AppHost.Publishing;

public static partial class KubernetesPublishingExtensions
{
    /// <summary>The pipeline step that writes the manifests: <c>--operation publish --step publish-kubernetes --output-path DIR</c>.</summary>
    public const string StepName = "publish-kubernetes";

    /// <summary>
    /// Adds the Kubernetes manifests to Aspire's publish pipeline, as a step of its own (Aspire's Kubernetes hosting
    /// integration is not available here), required by <c>publish</c> so <c>aspire publish</c> writes them too. It needs
    /// no parameter values (the manifests only ever reference the operator's Secret), so it does not wait for them.
    /// </summary>
    public static IDistributedApplicationBuilder AddKubernetesPublishing(this IDistributedApplicationBuilder builder, PublishOptions options)
    {
#pragma warning disable ASPIREPIPELINES001, ASPIREPIPELINES004 // Aspire's pipeline API is marked experimental in 13.6; it is the publishing extension point.
        builder.Pipeline.AddStep(StepName, async context =>
        {
            var output = context.Services.GetRequiredService<IPipelineOutputService>().GetOutputDirectory();
            var files = await KubernetesPublisher.WriteAsync(context.Model, context.ExecutionContext, options, output, context.Logger,
                context.CancellationToken);
            Log.Wrote(context.Logger, files.Count, output);
        }, requiredBy: WellKnownPipelineSteps.Publish);
#pragma warning restore ASPIREPIPELINES001, ASPIREPIPELINES004
        return builder;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Wrote {Count} Kubernetes manifest files to {Directory}")]
        public static partial void Wrote(ILogger logger, int count, string directory);
    }
}

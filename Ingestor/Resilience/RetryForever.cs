using Polly;
using Polly.Retry;

namespace Ingestor.Resilience;

/// <summary>
/// The one retry policy of the Ingestor, as a Polly pipeline: an attempt that throws, or answers false (it could not do
/// all its work), is tried again until it succeeds or the service stops, the waits doubling per consecutive failure
/// with jitter (so ingestors that lost a dependency together do not come back in lockstep) up to
/// <see cref="IRetrySettings.RetryMaxDelay"/>. Nothing is given up: what failed stays pending in memory and goes out
/// once the dependency answers.
/// </summary>
public static class RetryForever
{
    public static ResiliencePipeline<bool> Create(IRetrySettings settings, TimeProvider time, Func<OnRetryArguments<bool>, ValueTask> onRetry) =>
        new ResiliencePipelineBuilder<bool> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<bool>
            {
                ShouldHandle = args => ValueTask.FromResult(
                    !args.Context.CancellationToken.IsCancellationRequested && (args.Outcome.Exception is not null || !args.Outcome.Result)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryInitialDelay,
                MaxDelay = settings.RetryMaxDelay,
                OnRetry = onRetry,
            })
            .Build();
}

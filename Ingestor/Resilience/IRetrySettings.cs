namespace Ingestor.Resilience;

/// <summary>
/// How a section retries a dependency that failed (<c>RetryInitialDelay</c>, <c>RetryMaxDelay</c> in every section that
/// has them): the first wait, doubled per consecutive failure, with jitter, up to the longest.
/// </summary>
public interface IRetrySettings
{
    TimeSpan RetryInitialDelay { get; }

    TimeSpan RetryMaxDelay { get; }
}

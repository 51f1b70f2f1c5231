using Microsoft.Extensions.Logging;

namespace Ingestor.Tests.Sources.ClickHouse;

/// <summary>Writes log lines to the running test's output, so a failing test shows what the source saw.</summary>
internal sealed class TestOutputLogger<T> : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {formatter(state, exception)}");
        }
        catch (InvalidOperationException)
        {
            // The test already finished; the line has nowhere to go.
        }
    }
}

namespace EmbeddedRedis;

/// <summary>
/// Hands Garnet loggers whose categories start with <c>Garnet.</c>: its own categories are generic ("Options",
/// "ArgParser"), and the prefix lets one Logging:LogLevel:Garnet setting quiet them all.
/// </summary>
public sealed class GarnetLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public const string CategoryPrefix = "Garnet.";

    public ILogger CreateLogger(string categoryName) => inner.CreateLogger(CategoryPrefix + categoryName);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    /// <summary>The host owns the inner factory.</summary>
    public void Dispose()
    {
    }
}

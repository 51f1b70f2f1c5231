using System.Data.Common;
using ClickHouse.Driver.ADO;

namespace ClickHouse.Http;

/// <summary>
/// Where and how to reach ClickHouse's HTTP interface, read from a connection string in ClickHouse.Driver's form
/// (<c>Host=127.0.0.1;Port=8123;Database=training_observability;Username=default;Password=</c>), so operators
/// configure it exactly as they would for the driver. <c>Protocol</c>, <c>Path</c> and <c>Compression</c> are
/// honoured as the driver honours them.
/// </summary>
public sealed record ClickHouseSettings
{
    /// <summary>The Aspire connection name: configuration <c>ConnectionStrings:clickhouse</c>.</summary>
    public const string ConnectionName = "clickhouse";

    private const string DefaultDatabase = "default";

    /// <summary>The HTTP endpoint, ending in '/'.</summary>
    public required Uri Endpoint { get; init; }

    public required string Database { get; init; }

    public required string Username { get; init; }

    public string Password { get; init; } = "";

    /// <summary>Ask the server for gzip responses (the driver's <c>Compression</c>, on by default).</summary>
    public bool Compression { get; init; } = true;

    /// <summary>
    /// The settings of <c>ConnectionStrings:clickhouse</c> as a service's configuration gives it, or null when it is
    /// not set (ClickHouse is optional everywhere).
    /// </summary>
    /// <exception cref="InvalidOperationException">It is set but cannot be read; the message names the setting.</exception>
    public static ClickHouseSettings? FromConnectionString(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }
        try
        {
            return Parse(connectionString);
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings__{ConnectionName} is not valid: {exception.Message} " +
                "Expected the ClickHouse.Driver form, e.g. Host=127.0.0.1;Port=8123;Database=training_observability;Username=default;Password=", exception);
        }
    }

    /// <exception cref="FormatException">The connection string cannot be read; the message says why.</exception>
    public static ClickHouseSettings Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            var builder = new ClickHouseConnectionStringBuilder(connectionString);
            var path = string.IsNullOrEmpty(builder.Path) ? "/" : "/" + builder.Path.Trim('/') + "/";
            var endpoint = new UriBuilder(builder.Protocol, builder.Host, builder.Port, path).Uri;
            if (endpoint.Scheme is not ("http" or "https"))
            {
                throw new FormatException($"Protocol must be http or https, not '{builder.Protocol}'.");
            }
            return new ClickHouseSettings
            {
                Endpoint = endpoint,
                Database = string.IsNullOrEmpty(builder.Database) ? DefaultDatabase : builder.Database,
                Username = builder.Username,
                Password = builder.Password ?? "",
                Compression = builder.Compression,
            };
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidCastException or UriFormatException)
        {
            throw new FormatException($"Not a ClickHouse connection string: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// The connection string for code that uses ClickHouse.Driver itself, with the JSON modes that old servers
    /// need added when the operator left them out (the driver's defaults send a setting 18.x rejects).
    /// </summary>
    public static string ForDriver(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (var key in (ReadOnlySpan<string>)["JsonReadMode", "JsonWriteMode"])
        {
            if (!builder.ContainsKey(key))
            {
                builder[key] = "None";
            }
        }
        return builder.ConnectionString;
    }

    /// <summary>For logs and health descriptions: the endpoint without credentials.</summary>
    public override string ToString() => $"{Endpoint}{Database}";
}

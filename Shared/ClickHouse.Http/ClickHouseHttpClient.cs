using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ClickHouse.Http;

/// <summary>
/// Runs queries against ClickHouse's HTTP interface and streams their TabSeparated answers. It speaks HTTP
/// itself rather than through ClickHouse.Driver because string values travel as external data
/// (<see cref="ExternalTable"/>), which the driver cannot send, and the driver's parameters
/// (<c>param_*</c>) are rejected by the 18.x servers we also run on. Every SQL text handed here is built from
/// our own constants, validated identifiers and numbers we format; never from a string a user gave.
/// </summary>
public sealed class ClickHouseHttpClient : IDisposable
{
    private const int MaxErrorLength = 4096;

    private readonly HttpClient _http;
    private readonly AuthenticationHeaderValue _authorization;

    public ClickHouseHttpClient(ClickHouseSettings settings)
    {
        Settings = settings;
        // Our own handler, not IHttpClientFactory: the service defaults add a resilience handler with a 30 s
        // total timeout to factory clients, which would cut off a long streamed read. Idle connections are
        // dropped before ClickHouse's keep-alive timeout (3 s by default) so a request never lands on a
        // socket the server is closing.
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = settings.Compression ? DecompressionMethods.GZip | DecompressionMethods.Deflate : DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.Username}:{settings.Password}")));
    }

    public ClickHouseSettings Settings { get; }

    /// <summary>
    /// Sends a query whose SQL names its output format (<c>FORMAT TabSeparated</c>) and returns once the
    /// answer starts arriving. Dispose the response to release the connection.
    /// </summary>
    /// <exception cref="ClickHouseException">Unreachable, or the server answered with an error.</exception>
    public async Task<ClickHouseResponse> QueryAsync(
        string sql, IReadOnlyList<ExternalTable>? externalTables = null, CancellationToken cancellationToken = default)
    {
        var queryId = Guid.NewGuid().ToString("N");
        using var request = BuildRequest(sql, externalTables ?? [], queryId);
        var message = await SendAsync(request, cancellationToken);
        try
        {
            var body = await message.Content.ReadAsStreamAsync(cancellationToken);
            return new ClickHouseResponse(message, body, queryId);
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    /// <summary>The first field of the first row of a query that names its format (TabSeparated); empty when there is no row.</summary>
    public async Task<string> QueryScalarAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var response = await QueryAsync(sql, cancellationToken: cancellationToken);
        do
        {
            if (response.Rows.TryReadLine(out var line))
            {
                var tab = line.IndexOf((byte)'\t');
                return Encoding.UTF8.GetString(tab < 0 ? line : line[..tab]);
            }
        }
        while (await response.Rows.ReadMoreAsync(cancellationToken));
        return "";
    }

    /// <summary>Runs a statement that returns nothing to read, sending <paramref name="data"/> as its input (an INSERT ... FORMAT).</summary>
    public async Task ExecuteAsync(string sql, HttpContent? data = null, CancellationToken cancellationToken = default)
    {
        var queryId = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, BuildUri(queryId, data is null ? null : sql, []));
        request.Headers.Authorization = _authorization;
        request.Content = data ?? new StringContent(sql, Encoding.UTF8, "text/plain");
        using var message = await SendAsync(request, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private HttpRequestMessage BuildRequest(string sql, IReadOnlyList<ExternalTable> externalTables, string queryId)
    {
        HttpContent content;
        if (externalTables.Count == 0)
        {
            content = new StringContent(sql, Encoding.UTF8, "text/plain");
        }
        else
        {
            // With external data the body is the multipart form, so the SQL goes into the URL.
            var form = new MultipartFormDataContent();
            foreach (var table in externalTables)
            {
                var part = new ReadOnlyMemoryContent(table.Content);
                part.Headers.ContentType = new MediaTypeHeaderValue("text/tab-separated-values");
                form.Add(part, table.Name, table.Name);
            }
            content = form;
        }
        var request = new HttpRequestMessage(HttpMethod.Post, BuildUri(queryId, externalTables.Count == 0 ? null : sql, externalTables))
        {
            Content = content,
        };
        request.Headers.Authorization = _authorization;
        return request;
    }

    private Uri BuildUri(string queryId, string? sqlInUri, IReadOnlyList<ExternalTable> externalTables)
    {
        var query = new StringBuilder("?database=").Append(Uri.EscapeDataString(Settings.Database))
            .Append("&query_id=").Append(queryId);
        if (Settings.Compression)
        {
            query.Append("&enable_http_compression=1");
        }
        if (sqlInUri is not null)
        {
            query.Append("&query=").Append(Uri.EscapeDataString(sqlInUri));
        }
        foreach (var table in externalTables)
        {
            query.Append('&').Append(table.Name).Append("_structure=").Append(Uri.EscapeDataString(table.Structure))
                .Append('&').Append(table.Name).Append("_format=TabSeparated");
        }
        return new Uri(Settings.Endpoint, query.ToString());
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage message;
        try
        {
            message = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new ClickHouseException(
                $"ClickHouse at {Settings.Endpoint} is unreachable: {exception.Message}", isUnreachable: true, innerException: exception);
        }
        if (message.IsSuccessStatusCode)
        {
            return message;
        }
        using (message)
        {
            var error = await ReadErrorAsync(message, cancellationToken);
            throw new ClickHouseException($"ClickHouse answered {(int)message.StatusCode}: {error}", ParseErrorCode(message, error));
        }
    }

    private static async Task<string> ReadErrorAsync(HttpResponseMessage message, CancellationToken cancellationToken)
    {
        await using var stream = await message.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxErrorLength];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }
        return Encoding.UTF8.GetString(buffer, 0, length).Trim();
    }

    /// <summary>From the X-ClickHouse-Exception-Code header (current servers) or the "Code: 60, ..." text (all of them).</summary>
    private static int? ParseErrorCode(HttpResponseMessage message, string error)
    {
        if (message.Headers.TryGetValues("X-ClickHouse-Exception-Code", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var fromHeader))
        {
            return fromHeader;
        }
        const string Prefix = "Code: ";
        if (!error.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var digits = error.AsSpan(Prefix.Length);
        var end = digits.IndexOfAnyExceptInRange('0', '9');
        return int.TryParse(end < 0 ? digits : digits[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;
    }
}

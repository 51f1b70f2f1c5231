using System.Data.Common;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace AppHost.ClickHouse;

/// <summary>
/// ClickHouse's HTTP interface, addressed by a ClickHouse.Driver connection string. AppHost only sends a few
/// statements (schema, demo inserts in TabSeparated), which both clickhouse-server 18.16 and current servers take
/// over plain HTTP; the services themselves use ClickHouse.Driver.
/// </summary>
public sealed class ClickHouseHttpClient(HttpClient http, string connectionString)
{
    private readonly Endpoint endpoint = Endpoint.Parse(connectionString);

    public string Database => endpoint.Database;

    public Task<string> QueryAsync(string sql, CancellationToken cancellationToken) =>
        SendAsync(sql, body: null, cancellationToken);

    /// <summary>Sends <paramref name="statement"/> with <paramref name="data"/> as its inline data (an INSERT ... FORMAT).</summary>
    public Task<string> InsertAsync(string statement, string data, CancellationToken cancellationToken) =>
        SendAsync(statement, data, cancellationToken);

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(endpoint.BaseAddress, "ping"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private async Task<string> SendAsync(string sql, string? body, CancellationToken cancellationToken)
    {
        // Statements name their tables with the database, so the database need not exist yet (schema creation).
        var uri = body is null ? endpoint.BaseAddress : new Uri(endpoint.BaseAddress, $"?query={Uri.EscapeDataString(sql)}");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(body ?? sql, Encoding.UTF8, new MediaTypeHeaderValue("text/plain")),
        };
        request.Headers.Add("X-ClickHouse-User", endpoint.Username);
        if (endpoint.Password.Length > 0)
        {
            request.Headers.Add("X-ClickHouse-Key", endpoint.Password);
        }
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? text
            : throw new HttpRequestException($"ClickHouse answered {(int)response.StatusCode}: {text.Trim()}", null, response.StatusCode);
    }

    private sealed record Endpoint(Uri BaseAddress, string Username, string Password, string Database)
    {
        public static Endpoint Parse(string connectionString)
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            string Get(string key, string fallback) =>
                builder.TryGetValue(key, out var value) && value?.ToString() is { Length: > 0 } text ? text : fallback;

            var protocol = Get("Protocol", "http");
            var host = Get("Host", "localhost");
            var port = int.Parse(Get("Port", protocol == "https" ? "8443" : "8123"), CultureInfo.InvariantCulture);
            var path = Get("Path", "/").TrimEnd('/') + "/";
            return new Endpoint(new Uri($"{protocol}://{host}:{port}{path}"), Get("Username", "default"), Get("Password", ""),
                Get("Database", "default"));
        }
    }
}

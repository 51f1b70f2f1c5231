using System.IO.Compression;
using System.Net.Http.Headers;
using Contracts.Wire;
using Contracts.Wire.Binary;

namespace StreamApi.Tests.Streaming;

/// <summary>GET /snapshot as a browser asks for it, with the bytes as they came over the wire and as the page reads them.</summary>
internal sealed record CompactSnapshotClient(HttpResponseMessage Response, byte[] Wire)
{
    /// <summary>What Chromium sends.</summary>
    public const string BrowserEncodings = "gzip, deflate, br, zstd";

    public static async Task<CompactSnapshotClient> GetAsync(Uri baseAddress, string query = "", string? acceptEncoding = BrowserEncodings, string? ifNoneMatch = null)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/snapshot" + query);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(ifNoneMatch));
        }
        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return new CompactSnapshotClient(response, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    public string? ContentEncoding => Response.Content.Headers.ContentEncoding.SingleOrDefault();

    public string? ETag => Response.Headers.ETag?.ToString();

    /// <summary>The snapshot, decompressed as its Content-Encoding says.</summary>
    public SnapshotMessage Read()
    {
        using var wire = new MemoryStream(Wire);
        using Stream decoded = ContentEncoding switch
        {
            "br" => new BrotliStream(wire, CompressionMode.Decompress),
            "gzip" => new GZipStream(wire, CompressionMode.Decompress),
            null => wire,
            var other => throw new InvalidOperationException($"Unexpected Content-Encoding {other}."),
        };
        using var plain = new MemoryStream();
        decoded.CopyTo(plain);
        return CompactSnapshot.Read(plain.ToArray());
    }
}

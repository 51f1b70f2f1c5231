using System.IO.Pipelines;

namespace ClickHouse.Http;

/// <summary>A successful answer whose body is still being received; read it with <see cref="Rows"/>.</summary>
public sealed class ClickHouseResponse : IAsyncDisposable
{
    private readonly HttpResponseMessage _message;
    private readonly PipeReader _body;

    internal ClickHouseResponse(HttpResponseMessage message, Stream body, string queryId)
    {
        _message = message;
        // 64 KiB reads: a few hundred rows per read keeps the per-read cost small next to parsing.
        _body = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024));
        Rows = new TabSeparatedReader(_body);
        QueryId = queryId;
    }

    /// <summary>The query_id it ran under, to find it in system.query_log.</summary>
    public string QueryId { get; }

    public TabSeparatedReader Rows { get; }

    public async ValueTask DisposeAsync()
    {
        await _body.CompleteAsync();
        _message.Dispose();
    }
}

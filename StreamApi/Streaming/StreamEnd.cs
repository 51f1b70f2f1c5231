namespace StreamApi.Streaming;

/// <summary>Why a stream ended.</summary>
public enum StreamEnd
{
    /// <summary>The client went away or the server is stopping.</summary>
    Closed,

    /// <summary>The client fell behind too often and was cut off; its connection should be aborted, not completed.</summary>
    Evicted,
}

namespace StreamApi.Streaming;

/// <summary>
/// Names one snapshot or message in the <see cref="FilteredViewCache"/>. It refers to nothing, so an entry made from
/// a snapshot does not keep that snapshot (megabytes) alive after StreamApi moved on to a newer one.
/// </summary>
public sealed class ViewSource;

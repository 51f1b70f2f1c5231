namespace StreamApi.Tests.Streaming;

/// <summary>
/// Distinct <c>?runs=</c> filters over runs named <c>run-00</c>, <c>run-01</c>, …: most ask for two real runs and an
/// id that exists nowhere, every tenth only for ids that exist nowhere. The unknown ids make every filter distinct, as
/// a crowd of clients (or one hostile client) can, so none can share another's filtered copy.
/// </summary>
internal static class RunFilters
{
    public static string RunId(int run) => $"run-{run:D2}";

    /// <summary>The real runs client <paramref name="client"/> asks for: none, or two different ones.</summary>
    public static string[] RealRuns(int client, int runs) =>
        client % 10 == 9 ? [] : [RunId(client % runs), RunId(((client * 7) + 1) % runs)];

    public static string Query(int client, int runs) =>
        "?runs=" + string.Join(',', [.. RealRuns(client, runs), $"junk-{client}", $"no-such-run-{client}"]);
}

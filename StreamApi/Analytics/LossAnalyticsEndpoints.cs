using System.Globalization;
using System.Text.Json;
using Contracts.Analytics;
using Decimation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StreamApi.Analytics.Histogram;
using StreamApi.Endpoints;
using StreamApi.Json;
using StreamApi.RawHistory;
using StreamApi.TrainingMetrics;

namespace StreamApi.Analytics;

/// <summary>
/// The ICON monitor's API over the ingestor's loss analytics (docs/protocol.md, "Loss analytics"). Every
/// endpoint takes <c>?run=</c> and otherwise answers for the most recently updated log-directory run.
/// </summary>
public static class LossAnalyticsEndpoints
{
    public const int MinHistoryLimit = 50;
    public const int MaxHistoryLimit = 1000;
    public const int DefaultHistoryLimit = 100;

    private const string Json = "application/json; charset=utf-8";

    public static IEndpointRouteBuilder MapLossAnalyticsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").AddEndpointFilter<RedisUnavailableFilter>();
        api.MapGet("/status", GetStatus);
        api.MapGet("/loss/current", GetCurrent);
        api.MapGet("/loss/history", GetHistory);
        api.MapGet("/loss/statistics", GetStatistics);
        api.MapGet("/loss/timesteps", GetTimesteps);
        api.MapGet("/loss/histogram", GetHistogram);
        api.MapGet("/loss/by_timestep/{timestamp}", GetByTimestep);
        api.MapGet("/tensorboard/scalars", GetScalars);
        api.MapGet("/health", GetHealth);
        return endpoints;
    }

    public static async Task<Results<JsonHttpResult<LossStatus>, ProblemHttpResult>> GetStatus(string? run, LossAnalyticsReader reader) =>
        await reader.GetStatusAsync(run) is { } status
            ? TypedResults.Json(status, AnalyticsJsonContext.Default.LossStatus)
            : UnknownRun(run);

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetCurrent(string? run, LossAnalyticsReader reader)
    {
        if (await reader.GetStatusAsync(run) is not { } status)
        {
            return UnknownRun(run);
        }
        if (status.CurrentTimestep is null || !TimestepFormat.TryParse(status.CurrentTimestep, out var current)
            || await reader.GetTimestepJsonAsync(status.RunId, current.Value) is not { } json)
        {
            return NotFound("No timesteps yet", $"Run '{status.RunId}' has no loss log yet.");
        }
        return TypedResults.Bytes(json, Json);
    }

    public static async Task<Results<PushStreamHttpResult, ValidationProblem, ProblemHttpResult>> GetHistory(
        string? run, string? limit, LossAnalyticsReader reader)
    {
        var count = DefaultHistoryLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count)
            || count < MinHistoryLimit || count > MaxHistoryLimit))
        {
            return Invalid("limit", $"limit must be an integer from {MinHistoryLimit} to {MaxHistoryLimit}.");
        }
        if (await reader.GetStatusAsync(run) is not { } status)
        {
            return UnknownRun(run);
        }
        var summaries = await reader.GetHistoryJsonAsync(status.RunId, count);
        return TypedResults.Stream(body => TimestepJson.WriteHistoryAsync(body, status.RunId, count, summaries), TimestepJson.ContentType);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetStatistics(string? run, LossAnalyticsReader reader)
    {
        if (await reader.GetStatusAsync(run) is not { } status)
        {
            return UnknownRun(run);
        }
        var json = await reader.GetStatisticsJsonAsync(status.RunId)
            ?? JsonSerializer.SerializeToUtf8Bytes(
                new LossStatistics { RunId = status.RunId, Count = 0, NonFinite = NonFiniteCounts.None }, AnalyticsJsonContext.Default.LossStatistics);
        return TypedResults.Bytes(json, Json);
    }

    public static async Task<Results<JsonHttpResult<LossHistogram>, ValidationProblem, ProblemHttpResult>> GetHistogram(
        string? run, string? bins, LossAnalyticsReader reader, LossHistogramReader histograms)
    {
        int? count = null;
        if (bins is not null)
        {
            if (!int.TryParse(bins, NumberStyles.None, CultureInfo.InvariantCulture, out var asked)
                || asked < BinRule.MinRequestedBins || asked > BinRule.MaxRequestedBins)
            {
                return Invalid("bins", $"bins must be an integer from {BinRule.MinRequestedBins} to {BinRule.MaxRequestedBins}, or left out for the Freedman-Diaconis rule.");
            }
            count = asked;
        }
        if (await reader.GetStatusAsync(run) is not { } status)
        {
            return UnknownRun(run);
        }
        return await histograms.ReadAsync(status.RunId, count) is { } histogram
            ? TypedResults.Json(histogram, StreamApiJsonContext.Default.LossHistogram)
            : NotFound("No losses", $"Run '{status.RunId}' has no batch losses yet.");
    }

    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> GetTimesteps(string? run, LossAnalyticsReader reader)
    {
        if (await reader.GetStatusAsync(run) is not { } status)
        {
            return UnknownRun(run);
        }
        var timesteps = await reader.GetTimestepsAsync(status.RunId);
        return TypedResults.Stream(body => TimestepJson.WriteListAsync(body, status.RunId, timesteps), TimestepJson.ContentType);
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetByTimestep(
        string timestamp, string? run, LossAnalyticsReader reader)
    {
        if (!TimestepFormat.TryParse(timestamp, out var timestep))
        {
            return Invalid("timestamp", "timestamp must be a timestep such as 2022-01-01T06:00:00 or 2022-01-01 06:00:00.");
        }
        if (await reader.GetStatusAsync(run) is not { } status)
        {
            return UnknownRun(run);
        }
        return await reader.GetTimestepJsonAsync(status.RunId, timestep.Value) is { } json
            ? TypedResults.Bytes(json, Json)
            : NotFound("Unknown timestep", $"Run '{status.RunId}' has no timestep {TimestepFormat.Format(timestep.Value)}.");
    }

    public static async Task<Results<JsonHttpResult<ScalarSeries>, JsonHttpResult<ScalarTags>, ValidationProblem, ProblemHttpResult>> GetScalars(
        string? run, string? tag, [FromQuery(Name = "max_points")] string? maxPoints, LossAnalyticsReader reader, RawHistoryReader history)
    {
        var errors = new Dictionary<string, string[]>();
        var limit = MetricsRequest.ParseMaxPoints(maxPoints, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await reader.GetStatusAsync(run) is not { } status)
        {
            return UnknownRun(run);
        }
        if (string.IsNullOrEmpty(tag))
        {
            var tags = (await history.ListSeriesAsync(status.RunId)).Keys.Order(StringComparer.Ordinal).ToArray();
            return TypedResults.Json(new ScalarTags(status.RunId, tags) { OtherTags = status.OtherTags }, AnalyticsJsonContext.Default.ScalarTags);
        }
        // Every point, or limit of them with their buckets' envelope: never an answer of unbounded size.
        if (await history.DecimateAsync(status.RunId, tag, RawRange.All, limit) is not { } decimation)
        {
            return NotFound("Unknown tag", $"Run '{status.RunId}' has no scalar series '{tag}'.");
        }
        if (decimation.RawCount <= limit && await history.ReadAsync(status.RunId, tag, RawRange.All) is { } columns && columns.Count <= limit)
        {
            return TypedResults.Json(
                new ScalarSeries(status.RunId, tag, columns.Steps, columns.TimesMs, columns.Values) { TotalPoints = columns.Count },
                AnalyticsJsonContext.Default.ScalarSeries);
        }
        var decimated = DecimatedColumns.From(decimation.Points);
        return TypedResults.Json(
            new ScalarSeries(status.RunId, tag, decimated.Steps, decimated.TimesMs, decimated.Values)
            {
                TotalPoints = decimation.RawCount,
                Mins = decimated.Mins,
                Maxs = decimated.Maxs,
            },
            AnalyticsJsonContext.Default.ScalarSeries);
    }

    public static async Task<Results<JsonHttpResult<LogDirectoryHealth>, ProblemHttpResult>> GetHealth(LossAnalyticsReader reader) =>
        await reader.GetHealthAsync() is { } health
            ? TypedResults.Json(health, AnalyticsJsonContext.Default.LogDirectoryHealth)
            : TypedResults.Problem(
                title: "No log-directory health yet",
                detail: "The ingestor has not reported which sources it reads (it is not running, or has not reached Redis yet).",
                statusCode: StatusCodes.Status503ServiceUnavailable);

    private static ProblemHttpResult UnknownRun(string? run) => run is null
        ? NotFound("No log-directory run", "No log-directory run has data yet.")
        : NotFound("Unknown run", $"There is no log-directory run '{run}'.");

    private static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status404NotFound);

    private static ValidationProblem Invalid(string parameter, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [parameter] = [message] });
}

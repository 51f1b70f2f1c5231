using System.Globalization;

namespace StreamApi.TrainingMetrics;

/// <summary>The validated parameters of <c>GET /metrics/{run_id}</c>.</summary>
public sealed record MetricsRequest(string Metric, long? FromStep, long? ToStep, long? FromTimeMs, long? ToTimeMs, int MaxPoints)
{
    public const int DefaultMaxPoints = 2000;
    public const int MinMaxPoints = 2;
    public const int MaxMaxPoints = 20_000;
    public const int MaxNameLength = 256;

    /// <summary>Reads the query; every problem is added to <paramref name="errors"/> under the parameter's name.</summary>
    public static MetricsRequest? Parse(
        string? metric, string? fromStep, string? toStep, string? fromTime, string? toTime, string? maxPoints,
        Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(metric))
        {
            errors["metric"] = ["metric is required."];
        }
        else if (metric.Length > MaxNameLength || metric.Any(char.IsControl))
        {
            errors["metric"] = [$"metric must be at most {MaxNameLength} characters, without control characters."];
        }
        var from = Step(fromStep, "from_step", errors);
        var to = Step(toStep, "to_step", errors);
        var fromMs = Time(fromTime, "from_time", errors);
        var toMs = Time(toTime, "to_time", errors);
        var points = ParseMaxPoints(maxPoints, errors);
        if (from > to)
        {
            errors["from_step"] = ["from_step must not be greater than to_step."];
        }
        if (fromMs > toMs)
        {
            errors["from_time"] = ["from_time must not be later than to_time."];
        }
        return errors.Count == 0 ? new MetricsRequest(metric!, from, to, fromMs, toMs, points) : null;
    }

    /// <summary>The <c>max_points</c> of every series endpoint: <see cref="DefaultMaxPoints"/> when absent.</summary>
    public static int ParseMaxPoints(string? text, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return DefaultMaxPoints;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var points) || points < MinMaxPoints || points > MaxMaxPoints)
        {
            errors["max_points"] = [$"max_points must be between {MinMaxPoints} and {MaxMaxPoints}."];
        }
        return points;
    }

    private static long? Step(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var step))
        {
            return step;
        }
        errors[name] = [$"{name} must be a whole number of steps, 0 or more."];
        return null;
    }

    /// <summary>Unix milliseconds, or ISO 8601 that names its zone (a time without one would be guessed).</summary>
    private static long? Time(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unixMs))
        {
            return unixMs;
        }
        if (HasZone(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time.ToUnixTimeMilliseconds();
        }
        errors[name] = [$"{name} must be Unix milliseconds or an ISO 8601 time with its zone, e.g. 2026-11-25T22:21:46Z."];
        return null;
    }

    private static bool HasZone(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}

namespace StreamApi.Endpoints;

internal static class RunId
{
    public const int MaxLength = 256;

    public static void Validate(string runId, Dictionary<string, string[]> errors)
    {
        if (runId.Length == 0 || runId.Length > MaxLength || runId.Any(char.IsControl))
        {
            errors["run_id"] = [$"run_id must be 1 to {MaxLength} characters, without control characters."];
        }
    }
}

using System.ComponentModel.DataAnnotations;

namespace Contracts.Redis;

/// <summary>Where in Redis the dashboard keeps its data; the ingestor and StreamApi must agree.</summary>
public sealed class RedisLayoutOptions
{
    public const string SectionName = "Redis";

    [Required]
    [RegularExpression(@"^[A-Za-z0-9_.\-]{1,64}$", ErrorMessage = "must be 1 to 64 letters, digits, '_', '.' or '-'")]
    public string KeyPrefix { get; set; } = RedisKeys.DefaultPrefix;
}

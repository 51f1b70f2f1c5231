using System.ComponentModel.DataAnnotations;

namespace EmbeddedRedis;

/// <summary>The <c>EmbeddedRedis</c> section, set by AppHost: where Garnet listens and the password it requires.</summary>
public sealed class EmbeddedRedisOptions
{
    public const string SectionName = "EmbeddedRedis";

    [Range(1, 65535)]
    public int Port { get; set; }

    /// <summary>Loopback only by default: it serves this machine's services, nobody else.</summary>
    [Required]
    public string Bind { get; set; } = "127.0.0.1";

    [Required]
    public string Password { get; set; } = "";

    /// <summary>Log-memory budget, in Garnet's size syntax (<c>512m</c>, <c>2g</c>).</summary>
    [RegularExpression("^[0-9]+[kmgKMG]?[bB]?$")]
    public string Memory { get; set; } = "1g";

    /// <summary>Hash index size, in Garnet's size syntax.</summary>
    [RegularExpression("^[0-9]+[kmgKMG]?[bB]?$")]
    public string IndexSize { get; set; } = "64m";
}

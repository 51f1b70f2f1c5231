namespace AppHost.Settings;

/// <summary>
/// What AppHost itself reads of <c>AppHost:Demo</c>: whether there is a demo and where it writes. Every other key of
/// the section is the demo generator's own and reaches it as <c>Demo__&lt;key&gt;</c>, which it validates.
/// </summary>
public sealed class DemoSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Null: write demo runs to ClickHouse only when AppHost started that ClickHouse itself.</summary>
    public bool? WriteToClickHouse { get; set; }
}

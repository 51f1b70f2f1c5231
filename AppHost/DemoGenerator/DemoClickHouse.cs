using ClickHouse.Http;

namespace DemoGenerator;

/// <summary>Where the demo's ClickHouse runs go: null settings when AppHost gave it no ClickHouse to write to.</summary>
public sealed record DemoClickHouse(ClickHouseSettings? Settings);

using System.Collections.Frozen;

namespace Ingestor.Sources.ClickHouse.RunSettings;

/// <summary>
/// The unit of each metric of a run, the newest non-empty one written. <see cref="Current"/> is a new instance only
/// when a unit changed, so an unchanged run compares equal by reference and is not published again.
/// </summary>
public sealed class RunUnits
{
    private readonly Dictionary<string, (string Unit, long TimeMs)> _units = new(StringComparer.Ordinal);

    /// <summary>Metric to unit, or null while no metric of the run has one.</summary>
    public IReadOnlyDictionary<string, string>? Current { get; private set; }

    public void Apply(UnitSighting sighting)
    {
        if (_units.TryGetValue(sighting.Metric, out var known))
        {
            if (known.TimeMs > sighting.NewestMs)
            {
                return;
            }
            if (known.Unit == sighting.Unit)
            {
                _units[sighting.Metric] = (known.Unit, sighting.NewestMs);
                return;
            }
        }
        _units[sighting.Metric] = (sighting.Unit, sighting.NewestMs);
        Current = _units.ToFrozenDictionary(entry => entry.Key, entry => entry.Value.Unit, StringComparer.Ordinal);
    }
}

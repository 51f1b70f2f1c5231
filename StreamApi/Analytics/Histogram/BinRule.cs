namespace StreamApi.Analytics.Histogram;

/// <summary>
/// How many bins a histogram gets when the client does not say: Freedman–Diaconis (bin width 2·IQR/∛n, robust to the
/// long tail a loss curve has), clamped to <see cref="MinBins"/>..<see cref="MaxBins"/>; Sturges (⌈log₂ n⌉ + 1, same
/// clamp) when the interquartile range is 0, where Freedman–Diaconis has no width to give.
/// </summary>
public static class BinRule
{
    public const string FreedmanDiaconis = "freedman-diaconis";
    public const string Sturges = "sturges";
    public const string Requested = "requested";

    public const int MinBins = 10;
    public const int MaxBins = 200;

    public const int MinRequestedBins = 2;
    public const int MaxRequestedBins = 500;

    public static (int Bins, string Rule) Choose(long count, double min, double max, double interquartileRange)
    {
        if (interquartileRange > 0 && max > min && count > 0)
        {
            var width = 2 * interquartileRange / Math.Cbrt(count);
            var bins = Math.Ceiling((max - min) / width);
            // A range or spread beyond double's range (losses near ±1e308) gives infinity over infinity: as many bins as allowed.
            return ((int)Math.Clamp(double.IsNaN(bins) ? MaxBins : bins, MinBins, MaxBins), FreedmanDiaconis);
        }
        var sturges = count > 0 ? Math.Ceiling(Math.Log2(count)) + 1 : MinBins;
        return ((int)Math.Clamp(sturges, MinBins, MaxBins), Sturges);
    }
}

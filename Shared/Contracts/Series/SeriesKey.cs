using System.Globalization;
using System.Text;

namespace Contracts.Series;

/// <summary>
/// Identity of one series: a metric of a run, kept apart per host, rank and device where those are given
/// (a 128-node run has one <c>sys.gpu.0.util_percent</c> series per host). The defaults of the
/// metric_points table (host '', rank 0, device 65535) mean "not given" and are left out of <see cref="SeriesId"/>.
/// </summary>
public readonly record struct SeriesKey(string RunId, string Metric, string Host = "", uint Rank = 0, ushort Device = SeriesKey.NoDevice)
{
    public const ushort NoDevice = ushort.MaxValue;

    /// <summary>
    /// The series id within its run: the metric name alone, or the metric followed by the labels that are
    /// given, e.g. <c>sys.gpu.0.util_percent{host=node-3,rank=2,device=0}</c>. It starts with the metric
    /// name, so a metric-prefix filter can match ids without parsing them.
    /// </summary>
    public string SeriesId => HasLabels ? BuildLabelledSeriesId() : Metric;

    public bool HasLabels => Host.Length > 0 || Rank != 0 || Device != NoDevice;

    private string BuildLabelledSeriesId()
    {
        var builder = new StringBuilder(Metric.Length + Host.Length + 32).Append(Metric).Append('{');
        var separator = "";
        if (Host.Length > 0)
        {
            builder.Append("host=").Append(Host);
            separator = ",";
        }
        if (Rank != 0)
        {
            builder.Append(separator).Append("rank=").Append(Rank.ToString(CultureInfo.InvariantCulture));
            separator = ",";
        }
        if (Device != NoDevice)
        {
            builder.Append(separator).Append("device=").Append(Device.ToString(CultureInfo.InvariantCulture));
        }
        return builder.Append('}').ToString();
    }
}

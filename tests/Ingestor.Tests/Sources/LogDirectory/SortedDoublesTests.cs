using Ingestor.Sources.LogDirectory.Store;

namespace Ingestor.Tests.Sources.LogDirectory;

public sealed class SortedDoublesTests
{
    [Fact]
    public void Add_KeepsEveryValueInOrder_WhateverTheBatchesHold()
    {
        var random = new Random(7);
        var sorted = new SortedDoubles();
        var all = new List<double>();
        for (var batch = 0; batch < 300; batch++)
        {
            // Batches overlapping the values held, below and above them, with repeats, and of any size (one included).
            var values = Enumerable.Range(0, random.Next(1, 120)).Select(_ => Math.Round(random.NextDouble() * batch, 2) - (batch % 7)).ToArray();
            all.AddRange(values);
            sorted.Add(values);
        }

        all.Sort();
        Assert.Equal(all, sorted.Items.ToArray());
        Assert.Equal(all[all.Count / 2], sorted.Percentile(100.0 * (all.Count / 2) / (all.Count - 1)), precision: 12);
    }
}

using CxServerless.Domain.Analytics.Aggregation;

namespace CxServerless.Domain.Tests.Analytics.Aggregation;

public sealed class QuantileSketchTests
{
    [Theory]
    [InlineData(0.5, 500)]
    [InlineData(0.9, 900)]
    [InlineData(0.99, 990)]
    public void Quantiles_are_within_one_percent(double q, double exact)
    {
        var sketch = new QuantileSketch();
        for (var i = 1; i <= 1000; i++)
        {
            sketch.Add(i);
        }

        Assert.Equal(exact, sketch.Quantile(q)!.Value, exact * 0.011);
    }

    [Fact]
    public void Merged_sketches_equal_one_sketch_of_all_values()
    {
        var whole = new QuantileSketch();
        var left = new QuantileSketch();
        var right = new QuantileSketch();
        for (var i = 0; i < 500; i++)
        {
            whole.Add(i * 0.7);
            (i % 3 == 0 ? left : right).Add(i * 0.7);
        }

        left.MergeFrom(right);
        Assert.Equal(whole.Count, left.Count);
        Assert.Equal(whole.Bins.OrderBy(b => b.Key), left.Bins.OrderBy(b => b.Key));
        Assert.Equal(whole.ZeroCount, left.ZeroCount);
    }

    [Fact]
    public void Stored_bins_rebuild_the_same_sketch()
    {
        var sketch = new QuantileSketch();
        foreach (var v in new[] { 0, 1.5, 20, 300 })
        {
            sketch.Add(v);
        }

        var rebuilt = QuantileSketch.FromBins(sketch.Bins, sketch.ZeroCount);
        Assert.Equal(sketch.Quantile(0.75), rebuilt.Quantile(0.75));
        Assert.Equal(4, rebuilt.Count);
    }

    [Fact]
    public void Empty_sketch_has_no_quantile_and_negative_values_are_ignored()
    {
        var sketch = new QuantileSketch();
        sketch.Add(-1);
        sketch.Add(double.NaN);
        Assert.Null(sketch.Quantile(0.5));
    }
}

using CxServerless.Domain.Sentiment.Drift;

namespace CxServerless.Domain.Tests.Sentiment.Drift;

public sealed class PopulationStabilityTests
{
    [Fact]
    public void A_shift_of_the_outer_bins_gives_the_index_worked_out_by_hand()
    {
        // Expected: 10 in every bin (shares 0.1). Actual: bins 0-1 hold 5 each (0.05), bins 8-9 hold 15 each (0.15).
        // Bins 0 and 1: (0.05 - 0.1) * ln(0.05 / 0.1) = -0.05 * -0.693147 = 0.0346574 each.
        // Bins 8 and 9: (0.15 - 0.1) * ln(0.15 / 0.1) = 0.05 * 0.405465 = 0.0202733 each.
        // Bins 2-7 are equal and add 0. Total: 2 * 0.0346574 + 2 * 0.0202733 = 0.0693147 + 0.0405465 = 0.1098612.
        var expected = new ScoreHistogram([10, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
        var actual = new ScoreHistogram([5, 5, 10, 10, 10, 10, 10, 10, 15, 15]);

        Assert.Equal(0.1098612, PopulationStability.Index(expected, actual)!.Value, 6);
    }

    [Fact]
    public void Empty_bins_count_as_the_epsilon_share()
    {
        // Expected shares 0.1, 0.2, 0.2, 0.2, 0.2, 0.1 in bins 2-7; actual is the same moved one bin up (bins 3-8).
        // Bin 2: actual empty -> 0.0001: (0.0001 - 0.1) * ln(0.0001 / 0.1) = -0.0999 * -6.907755 = 0.6900848.
        // Bin 3: (0.1 - 0.2) * ln(0.5) = 0.0693147. Bins 4-6: 0. Bin 7: (0.2 - 0.1) * ln(2) = 0.0693147.
        // Bin 8: expected empty -> 0.0001: (0.1 - 0.0001) * ln(0.1 / 0.0001) = 0.0999 * 6.907755 = 0.6900848.
        // Total: 2 * 0.6900848 + 2 * 0.0693147 = 1.5187990.
        var expected = new ScoreHistogram([0, 0, 10, 20, 20, 20, 20, 10, 0, 0]);
        var actual = new ScoreHistogram([0, 0, 0, 10, 20, 20, 20, 20, 10, 0]);

        Assert.Equal(1.5187990, PopulationStability.Index(expected, actual)!.Value, 6);
    }

    [Fact]
    public void The_same_shares_at_a_different_volume_give_zero()
    {
        var expected = new ScoreHistogram([30, 0, 60, 90, 120, 300, 90, 60, 0, 50]);
        var actual = new ScoreHistogram([3, 0, 6, 9, 12, 30, 9, 6, 0, 5]);

        Assert.Equal(0, PopulationStability.Index(expected, actual)!.Value, 12);
    }

    [Fact]
    public void No_scores_on_either_side_gives_no_index()
    {
        var some = new ScoreHistogram([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);

        Assert.Null(PopulationStability.Index(ScoreHistogram.Empty, some));
        Assert.Null(PopulationStability.Index(some, ScoreHistogram.Empty));
    }

    [Theory]
    [InlineData(-1.0, 0)]
    [InlineData(-0.8000001, 0)]
    [InlineData(-0.8, 1)]
    [InlineData(-0.05, 4)]
    [InlineData(0.0, 5)]
    [InlineData(0.7999, 8)]
    [InlineData(0.8, 9)]
    [InlineData(1.0, 9)]
    [InlineData(1.5, 9)]
    [InlineData(-3.0, 0)]
    public void Scores_fall_into_tenths_of_the_range_with_plus_one_in_the_last_bin(double score, int bin) =>
        Assert.Equal(bin, ScoreHistogram.BinOf(score));

    [Fact]
    public void A_histogram_reads_back_what_it_stored_and_sums_bin_by_bin()
    {
        var histogram = ScoreHistogram.Of([-1, -0.9, 0, 0.1, 1]);
        Assert.Equal("2,0,0,0,0,2,0,0,0,1", histogram.Format());
        Assert.Equal(histogram.Counts, ScoreHistogram.Parse(histogram.Format()).Counts);
        Assert.Equal([4, 0, 0, 0, 0, 4, 0, 0, 0, 2], ScoreHistogram.Sum([histogram, histogram]).Counts);
        Assert.Throws<FormatException>(() => ScoreHistogram.Parse("1,2,3"));
    }
}

using CxServerless.Domain.Feedback;

namespace CxServerless.Domain.Tests.Feedback;

/// <summary>The one definition of a detractor's recovery, at the edges of each band.</summary>
public sealed class FeedbackRecoveryTests
{
    [Theory]
    [InlineData(null, 6, null, 7, true)] // NPS detractor at the band's top answers a passive
    [InlineData(null, 0, null, 6, false)] // still a detractor
    [InlineData(1, 3, 5, null, null)] // an NPS detractor is judged on NPS: a CSAT-only answer tells nothing
    [InlineData(2, null, 3, null, true)] // CSAT 2 → 3 leaves the dissatisfied band
    [InlineData(1, null, 2, null, false)] // CSAT 1 → 2 improved but is still dissatisfied
    [InlineData(2, 7, 5, 10, true)] // NPS 7 is no detractor but CSAT 2 is: judged on CSAT
    [InlineData(3, 7, 1, 0, null)] // no detractor at all
    [InlineData(null, 4, null, null, null)] // no answer
    public void Recovered_follows_the_scale_that_made_the_detractor(
        int? beforeCsat, int? beforeNps, int? afterCsat, int? afterNps, bool? expected)
    {
        Assert.Equal(expected, FeedbackRecovery.Recovered(beforeCsat, beforeNps, afterCsat, afterNps));
    }
}

namespace CxServerless.Domain.Feedback;

/// <summary>
/// Whether a dissatisfied customer came back better: the one definition of a detractor and of a recovery that the loop's
/// row (<c>RecoveredDetractor</c>) and the feedback KPIs share. Pure.
/// </summary>
/// <remarks>
/// A detractor opened the loop with an NPS of 0–6, or, without one, with a CSAT of 1–2 of 5. They recovered when their
/// answer to the follow-up, <b>on the same scale</b>, left that band: NPS 7–10 (passive or promoter), CSAT 3–5. A follow-up
/// that did not answer that scale tells nothing, so it is neither a recovery nor a failure.
/// </remarks>
public static class FeedbackRecovery
{
    /// <summary>The highest NPS of a detractor (0–6).</summary>
    public const int NpsDetractorAtMost = 6;

    /// <summary>The highest dissatisfied CSAT (1–2 of 5).</summary>
    public const int CsatDissatisfiedAtMost = 2;

    /// <summary>Whether scores make a detractor: NPS 0–6, or CSAT 1–2.</summary>
    /// <param name="csat">The CSAT that opened the loop, when given.</param>
    /// <param name="nps">The NPS that opened the loop, when given.</param>
    /// <returns>True for a detractor.</returns>
    public static bool IsDetractor(int? csat, int? nps) => nps is <= NpsDetractorAtMost || csat is <= CsatDissatisfiedAtMost;

    /// <summary>Whether a detractor recovered.</summary>
    /// <param name="beforeCsat">The CSAT that opened the loop.</param>
    /// <param name="beforeNps">The NPS that opened the loop.</param>
    /// <param name="afterCsat">The follow-up's CSAT.</param>
    /// <param name="afterNps">The follow-up's NPS.</param>
    /// <returns>
    /// True when the follow-up left the detractor band on the scale that made them one, false when it stayed in it, null
    /// for a customer who was no detractor or whose follow-up did not answer that scale.
    /// </returns>
    public static bool? Recovered(int? beforeCsat, int? beforeNps, int? afterCsat, int? afterNps)
    {
        if (beforeNps is <= NpsDetractorAtMost)
        {
            return afterNps is { } nps ? nps > NpsDetractorAtMost : null;
        }

        if (beforeCsat is <= CsatDissatisfiedAtMost)
        {
            return afterCsat is { } csat ? csat > CsatDissatisfiedAtMost : null;
        }

        return null;
    }
}

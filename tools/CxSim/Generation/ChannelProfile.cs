using CxServerless.Domain.Events;

namespace CxSim.Generation;

/// <summary>Typical timings and rates of a channel (seconds; medians of log-normal distributions).</summary>
internal sealed record ChannelProfile(
    double IvrMedian,
    double WaitMedian,
    double WaitSigma,
    double AbandonProbability,
    double AbandonWaitMedian,
    double TalkMedian,
    double HoldChance,
    double AcwMedian,
    double MessageGapMedian,
    double SurveyChance)
{
    // Waits are those of a healthy centre, whose normal day meets common targets (80 % of calls and chats answered
    // within 20 s, e-mails first answered within 4 h on average), so that injected incidents are the deviations.
    public static ChannelProfile For(CxChannel channel) => channel switch
    {
        CxChannel.Voice => new(35, 5, 0.8, 0.06, 45, 300, 0.35, 60, 0, 0.30),
        CxChannel.Chat => new(20, 6, 0.7, 0.04, 60, 0, 0, 45, 40, 0.35),
        CxChannel.Messaging => new(5, 120, 0.7, 0.03, 300, 0, 0, 30, 150, 0.25),
        CxChannel.Email => new(0, 3600, 0.8, 0, 0, 360, 0, 60, 0, 0.20),
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "cx-sim has no script for this channel."),
    };
}

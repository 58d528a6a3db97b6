using CxServerless.Domain.Events;

namespace CxServerless.Domain.Tests.Analytics;

/// <summary>Builds canonical events for analytics tests.</summary>
internal static class TestEvents
{
    /// <summary>A Monday, 10:00 UTC.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static int _sequence;

    public static DateTimeOffset At(double minutes, double seconds = 0) => T0.AddMinutes(minutes).AddSeconds(seconds);

    public static CxEvent Event(
        CxEventType type,
        DateTimeOffset time,
        CxMeasures? measures = null,
        CxScores? scores = null,
        CxOutcome? outcome = null,
        CxChannel channel = CxChannel.Voice,
        string? queue = "billing",
        string? team = "blue",
        string? region = "eu",
        string conversation = "c1",
        string? customer = null) => new()
        {
            EventId = $"e{Interlocked.Increment(ref _sequence)}",
            SourceSystem = "test",
            Type = type,
            EventTime = time,
            ConversationId = conversation,
            Channel = channel,
            Queue = queue,
            Team = team,
            Region = region,
            CustomerKey = customer,
            Measures = measures ?? new CxMeasures(),
            Scores = scores ?? new CxScores(),
            Outcome = outcome,
        };

    public static CxEvent Answered(DateTimeOffset time, double wait, string? queue = "billing") =>
        Event(CxEventType.ContactAnswered, time, new CxMeasures { WaitSeconds = wait }, queue: queue);

    public static CxEvent Abandoned(DateTimeOffset time, double? wait) =>
        Event(CxEventType.ContactAbandoned, time, new CxMeasures { WaitSeconds = wait });

    public static CxEvent Survey(DateTimeOffset time, int? csat = null, int? nps = null, int? ces = null) =>
        Event(CxEventType.SurveyResponse, time, scores: new CxScores { Csat = csat, Nps = nps, Ces = ces }, channel: CxChannel.Survey);
}

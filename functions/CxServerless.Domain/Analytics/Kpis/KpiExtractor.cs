using CxServerless.Domain.Events;

namespace CxServerless.Domain.Analytics.Kpis;

/// <summary>
/// Turns one canonical event into its KPI observations, in event time. Pure and allocation-free. First-contact
/// resolution needs memory of other contacts and comes from <see cref="FirstContactResolutionTracker"/> instead.
/// Values outside their documented scale are ignored here (ingestion quarantines them before they get this far).
/// </summary>
public static class KpiExtractor
{
    /// <summary>The most observations one event yields; size the destination span at least this long.</summary>
    public const int MaxPerEvent = 6;

    /// <summary>Writes the observations of <paramref name="cxEvent"/> into <paramref name="destination"/>; returns how many.</summary>
    public static int Extract(CxEvent cxEvent, KpiSettings settings, Span<KpiObservation> destination)
    {
        ArgumentNullException.ThrowIfNull(cxEvent);
        ArgumentNullException.ThrowIfNull(settings);
        var writer = new ObservationWriter(destination);
        switch (cxEvent.Type)
        {
            case CxEventType.ContactStarted:
                writer.Add(KpiId.ContactVolume, 1);
                break;
            case CxEventType.ContactAnswered:
                AddAnswered(cxEvent.Measures, IsRealTime(cxEvent.Channel), settings, ref writer);
                break;
            case CxEventType.ContactAbandoned:
                AddAbandoned(cxEvent.Measures, IsRealTime(cxEvent.Channel), settings, ref writer);
                break;
            case CxEventType.FirstResponse:
                writer.AddDuration(KpiId.FirstResponseTime, cxEvent.Measures.FirstResponseSeconds);
                break;
            case CxEventType.ContactEnded:
                AddEnded(cxEvent, ref writer);
                break;
            case CxEventType.ContactEscalated:
                writer.Add(KpiId.EscalationRate, 1, weight: 0);
                break;
            case CxEventType.CaseOpened or CxEventType.CaseReopened:
                writer.Add(KpiId.Backlog, 1);
                break;
            case CxEventType.CaseResolved:
                writer.Add(KpiId.Backlog, -1);
                break;
            case CxEventType.SurveyResponse:
                AddSurvey(cxEvent.Scores, ref writer);
                break;
            default:
                break;
        }

        AddSentiment(cxEvent.Scores.Sentiment, ref writer);
        return writer.Count;
    }

    /// <summary>
    /// True for channels where the customer waits live for an agent. Speed of answer and service level are measured
    /// for these only: an e-mail, an asynchronous message or a field job waits minutes to hours by design, and its
    /// responsiveness is its first response time (docs/kpis.md).
    /// </summary>
    public static bool IsRealTime(CxChannel channel) => channel is not (CxChannel.Email or CxChannel.Messaging or CxChannel.FieldService);

    private static void AddAnswered(CxMeasures measures, bool realTime, KpiSettings settings, ref ObservationWriter writer)
    {
        writer.Add(KpiId.AbandonmentRate, 0);
        if (realTime && IsDuration(measures.WaitSeconds, out var wait))
        {
            writer.Add(KpiId.AverageSpeedOfAnswer, wait);
            writer.Add(KpiId.ServiceLevel, wait <= settings.ServiceLevelThreshold.TotalSeconds ? 1 : 0);
        }
    }

    private static void AddAbandoned(CxMeasures measures, bool realTime, KpiSettings settings, ref ObservationWriter writer)
    {
        if (!IsDuration(measures.WaitSeconds, out var wait))
        {
            // Without a wait we cannot tell a short abandon: it counts as an abandon, and not in the service level.
            writer.Add(KpiId.AbandonmentRate, 1);
            return;
        }

        if (wait < settings.ShortAbandonThreshold.TotalSeconds)
        {
            return;
        }

        writer.Add(KpiId.AbandonmentRate, 1);
        if (realTime && wait > settings.ServiceLevelThreshold.TotalSeconds)
        {
            writer.Add(KpiId.ServiceLevel, 0);
        }
    }

    private static void AddEnded(CxEvent cxEvent, ref ObservationWriter writer)
    {
        var m = cxEvent.Measures;
        if (m.TalkSeconds is not null || m.HoldSeconds is not null || m.AfterContactWorkSeconds is not null)
        {
            writer.AddDuration(KpiId.AverageHandleTime, (m.TalkSeconds ?? 0) + (m.HoldSeconds ?? 0) + (m.AfterContactWorkSeconds ?? 0));
        }

        if (cxEvent.Outcome is null or CxOutcome.Abandoned)
        {
            return;
        }

        writer.Add(KpiId.ResolutionRate, cxEvent.Outcome == CxOutcome.Resolved ? 1 : 0);
        writer.Add(KpiId.EscalationRate, 0);
    }

    private static void AddSurvey(CxScores scores, ref ObservationWriter writer)
    {
        if (scores.Csat is >= 1 and <= 5 and var csat)
        {
            writer.Add(KpiId.CsatAverage, csat);
            writer.Add(KpiId.CsatSatisfied, csat >= 4 ? 1 : 0);
        }

        if (scores.Nps is >= 0 and <= 10 and var nps)
        {
            writer.Add(KpiId.NetPromoterScore, nps >= 9 ? 100 : nps <= 6 ? -100 : 0);
        }

        if (scores.Ces is >= 1 and <= 7 and var ces)
        {
            writer.Add(KpiId.CustomerEffortScore, ces);
        }
    }

    private static void AddSentiment(double? sentiment, ref ObservationWriter writer)
    {
        if (sentiment is >= -1 and <= 1 and var value)
        {
            writer.Add(KpiId.AverageSentiment, value);
        }
    }

    private static bool IsDuration(double? seconds, out double value)
    {
        value = seconds ?? 0;
        return seconds is { } s && double.IsFinite(s) && s >= 0;
    }

    private ref struct ObservationWriter(Span<KpiObservation> destination)
    {
        private readonly Span<KpiObservation> _destination = destination;

        public int Count { get; private set; }

        public void Add(KpiId kpi, double value, long weight = 1) => _destination[Count++] = new KpiObservation(kpi, value, weight);

        public void AddDuration(KpiId kpi, double? seconds)
        {
            if (IsDuration(seconds, out var value))
            {
                Add(kpi, value);
            }
        }
    }
}

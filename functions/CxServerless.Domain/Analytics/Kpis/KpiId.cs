using System.Text.Json.Serialization;

namespace CxServerless.Domain.Analytics.Kpis;

/// <summary>The KPIs the product computes. Exact definitions: docs/kpis.md.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KpiId>))]
public enum KpiId
{
    /// <summary>Mean seconds from contact or ticket creation to the first public agent reply.</summary>
    FirstResponseTime,

    /// <summary>Mean of talk + hold + after-contact work seconds over handled contacts.</summary>
    AverageHandleTime,

    /// <summary>Mean seconds answered contacts waited in queue (IVR excluded).</summary>
    AverageSpeedOfAnswer,

    /// <summary>% of contacts answered within the service-level threshold (denominator: docs/kpis.md).</summary>
    ServiceLevel,

    /// <summary>% of queued contacts the customer abandoned, short abandons excluded.</summary>
    AbandonmentRate,

    /// <summary>% of handled contacts that ended resolved.</summary>
    ResolutionRate,

    /// <summary>% of resolved customers with no repeat contact within the first-contact-resolution window.</summary>
    FirstContactResolutionRate,

    /// <summary>Escalations per handled contact, as a %.</summary>
    EscalationRate,

    /// <summary>Open cases at the end of the window (a gauge).</summary>
    Backlog,

    /// <summary>Mean CSAT score, 1 to 5.</summary>
    CsatAverage,

    /// <summary>% of CSAT responses that are 4 or 5.</summary>
    CsatSatisfied,

    /// <summary>Net promoter score, −100 to +100.</summary>
    NetPromoterScore,

    /// <summary>Mean customer effort score, 1 to 7 (7 = very easy).</summary>
    CustomerEffortScore,

    /// <summary>Mean sentiment, −1 to +1.</summary>
    AverageSentiment,

    /// <summary>Contacts started (a count), for volume spikes and dips.</summary>
    ContactVolume,
}

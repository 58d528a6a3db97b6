namespace CxServerless.Domain.Feedback;

/// <summary>
/// What the feedback KPIs need of one loop: anonymous facts (no pseudonym, no event id), as the reporting row keeps them.
/// </summary>
/// <param name="LoopId">The loop's random id.</param>
/// <param name="Team">The team owning its follow-up task; null until the task is routed.</param>
/// <param name="Topic">Its topic.</param>
/// <param name="OpenedAt">When it opened: the time basis of every KPI.</param>
/// <param name="TaskEnded">Whether its follow-up task has closed (resolved, or dismissed as a false alarm).</param>
/// <param name="Dismissed">Whether the task closed as a false alarm (outcome <c>dismissed</c>).</param>
/// <param name="SlaBreached">Whether the task outlived its last escalation level.</param>
/// <param name="BeforeCsat">The CSAT that opened it.</param>
/// <param name="BeforeNps">The NPS that opened it.</param>
/// <param name="BeforeSentiment">The sentiment (−1…+1) of the text that opened it.</param>
/// <param name="AfterCsat">The follow-up's CSAT.</param>
/// <param name="AfterNps">The follow-up's NPS.</param>
/// <param name="AfterSentiment">The sentiment of the follow-up's text.</param>
public sealed record FeedbackLoopFacts(
    string LoopId,
    string? Team,
    string Topic,
    DateTimeOffset OpenedAt,
    bool TaskEnded,
    bool Dismissed,
    bool SlaBreached,
    int? BeforeCsat,
    int? BeforeNps,
    double? BeforeSentiment,
    int? AfterCsat,
    int? AfterNps,
    double? AfterSentiment);

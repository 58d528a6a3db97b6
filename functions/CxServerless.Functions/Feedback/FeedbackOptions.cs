using System.ComponentModel.DataAnnotations;
using CxServerless.Workflows.Feedback;

namespace CxServerless.Functions.Feedback;

/// <summary>
/// Where the closed feedback loop keeps its queue, table and rules, and its delays (settings in HandlerSettings: the
/// names <c>CxFeedbackQueue</c>, <c>CxFeedbackLoopsTable</c>, <c>CxFeedbackReportTable</c>, <c>CxFeedbackRulesFile</c>
/// and the section <c>Feedback</c>).
/// </summary>
public sealed class FeedbackOptions
{
    /// <summary>The queue of feedback candidates the ingestion sink writes and <c>StartFeedback</c> reads.</summary>
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Setting 'CxFeedbackQueue' must be a valid queue name.")]
    public string Queue { get; set; } = "feedback";

    /// <summary>The FeedbackLoops table.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Setting 'CxFeedbackLoopsTable' must be a valid table name.")]
    public string LoopsTable { get; set; } = "FeedbackLoops";

    /// <summary>The FeedbackReport table: the loops' reporting rows, by opening day.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Setting 'CxFeedbackReportTable' must be a valid table name.")]
    public string ReportTable { get; set; } = FeedbackReportStore.DefaultTableName;

    /// <summary>The feedback rules file shipped with the app, relative to the app root.</summary>
    public string RulesFile { get; set; } = "rules/cx-feedback.v1.json";

    /// <summary>How long after the follow-up task is resolved the customer is asked again (<c>Feedback__FollowUpDelay</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00", ErrorMessage = "Setting 'Feedback__FollowUpDelay' must be 1 s to 90 days.")]
    public TimeSpan FollowUpDelay { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a loop waits for the customer's answer to the follow-up (<c>Feedback__ResponseTimeout</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00", ErrorMessage = "Setting 'Feedback__ResponseTimeout' must be 1 s to 90 days.")]
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// The frequency cap: at most one loop per customer within it; later triggers attach (<c>Feedback__FrequencyCap</c>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00", ErrorMessage = "Setting 'Feedback__FrequencyCap' must be 0 to 365 days.")]
    public TimeSpan FrequencyCap { get; set; } = TimeSpan.FromDays(30);
}

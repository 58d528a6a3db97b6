using System.Globalization;
using CxServerless.Workflows.Privacy;

namespace CxServerless.Functions.Privacy;

/// <summary>The lines of an erasure receipt: every data class the app stores, and what became of the customer in it.</summary>
public static class ErasureReceipt
{
    /// <summary>Rows that referred to the customer were deleted.</summary>
    public const string Deleted = "deleted";

    /// <summary>Rows were kept, for the reason given.</summary>
    public const string Kept = "kept";

    /// <summary>The class holds no customer pseudonym, so nothing in it refers to the customer.</summary>
    public const string NoneStored = "noneStored";

    /// <summary>The line of the first-contact-resolution state: the customer's contact starts and contacts due to settle.</summary>
    /// <param name="deleted">Rows deleted.</param>
    /// <returns>The line.</returns>
    public static ErasureItem FirstContacts(long deleted) => new(
        "firstContacts", Deleted, deleted,
        "The customer's contact starts and handled contacts waiting for their first-contact-resolution window; outcomes " +
        "already settled are aggregates in the KPI buckets.");

    /// <summary>The receipt of an erasure that ran.</summary>
    /// <param name="eventsDeleted">Event rows deleted.</param>
    /// <param name="eventsHeld">Event rows kept under a case hold.</param>
    /// <param name="linkedPseudonyms">Other pseudonyms (another identifier of the same person) found on the deleted events.</param>
    /// <param name="indexDeleted">Customer-index rows deleted.</param>
    /// <param name="feedback">Feedback-loop rows, follow-up requests and workflow instances deleted.</param>
    /// <param name="interventions">Interventions rows (interventions, live state, cap counters) deleted.</param>
    /// <returns>One line per data class.</returns>
    public static IReadOnlyList<ErasureItem> Lines(
        long eventsDeleted,
        long eventsHeld,
        int linkedPseudonyms,
        long indexDeleted,
        (long Loops, long Notifications, long Instances) feedback,
        long interventions)
    {
        var eventsNote = linkedPseudonyms == 0
            ? "Stored events that carried the customer's pseudonym."
            : string.Create(CultureInfo.InvariantCulture,
                $"Stored events that carried the customer's pseudonym. They also carried {linkedPseudonyms} other pseudonym(s) ")
              + "(another e-mail, phone or account of the same person): request those separately to erase their other events.";
        var lines = new List<ErasureItem>
        {
            new("events", Deleted, eventsDeleted, eventsNote),
            new("customerIndex", Deleted, indexDeleted,
                "The index rows that pointed at the deleted events, for every pseudonym they carried."),
        };
        if (eventsHeld > 0)
        {
            lines.Add(new("events", Kept, eventsHeld, "Events of conversations under a case legal hold; erased once the hold is lifted."));
        }

        lines.AddRange(
        [
            new("quarantine", NoneStored, 0,
                "Rejected payloads are stored masked (e-mails, phones, cards, names) and never pseudonymised; they expire with " +
                "the quarantine limit."),
            new("lateEvents", NoneStored, 0, "Late-event rows list event ids, times and slices only."),
            new("metricBuckets", Kept, 0,
                "KPI aggregates (counts and sums per slice and minute) identify no one, so the KPIs still add up."),
            new("alerts", NoneStored, 0, "Alerts are raised per slice (channel, queue, team, region), never per customer."),
            new("tasks", NoneStored, 0, "Escalation tasks and their timelines refer to alerts, not customers."),
            new("feedbackLoops", Deleted, feedback.Loops,
                "The customer's closed feedback loops, their outcomes and attached items (the follow-up tasks name random loop ids)."),
            new("feedbackReport", Kept, 0,
                "The loops' reporting rows hold team, topic, times and scores under a random loop id, never the pseudonym or an " +
                "event id: they identify no one once the loops are deleted, so the feedback KPIs still add up."),
            new("interventions", Deleted, interventions,
                "Interventions, live-contact state and cap counters that named the pseudonym; the outbound intervention events " +
                "and the staff notifications name the conversation, never the customer."),
            new("notifications", Deleted, feedback.Notifications,
                "Follow-up survey requests addressed to the pseudonym; other notifications refer to tasks and alerts, not customers."),
            new("workflowInstances", Deleted, feedback.Instances,
                "The feedback loops' instances (stopped first when running) and their tasks' escalations; no other workflow takes " +
                "a customer as input, and the erasure workflow's own history holds the request id only."),
            new("audit", Kept, 0, "The audit trail is append-only; its rows of this request hold the request id, never the customer."),
        ]);
        return lines;
    }
}

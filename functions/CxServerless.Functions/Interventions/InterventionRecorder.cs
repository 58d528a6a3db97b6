using Azure.Storage.Queues;
using CxServerless.Domain.Escalation;
using CxServerless.Domain.Interventions;
using CxServerless.Workflows.Escalation;
using CxServerless.Workflows.Tasks;

namespace CxServerless.Functions.Interventions;

/// <summary>
/// Decides and emits one triggered intervention: the caps decide it once (<see cref="InterventionStore.ClaimAsync"/>),
/// the Interventions table lists it, sent or suppressed, and when sent, an <see cref="InterventionOutbound"/> message goes
/// to the outbound queue and a notification to the team's leads (callback offers, repeat contacts) or supervisors
/// (sentiment alerts) through the Notifications outbox, shown in their inbox.
/// </summary>
/// <remarks>
/// Idempotent per intervention: a second call finds the claim row and, once its effects are marked emitted, does
/// nothing. A crash between the claim and the mark repeats the effects on the next call: the listed row and the
/// notifications are keyed by the intervention's id (unchanged), the outbound message may go twice (at least once).
/// </remarks>
public sealed class InterventionRecorder(
    InterventionStore store,
    QueueClient outbound,
    NotificationStore notifications,
    IRosterSource rosters,
    InterventionRules rules,
    TimeProvider time)
{
    private volatile bool _queueEnsured;

    /// <summary>The rules in force.</summary>
    public InterventionRules Rules => rules;

    /// <summary>Decides and, when it is under its caps, sends the intervention.</summary>
    /// <param name="candidate">The triggered intervention.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome (an <see cref="InterventionOutcomes"/> value).</returns>
    public async Task<string> InterveneAsync(InterventionCandidate candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var cap = rules.CapOf(candidate.Kind);
        var (outcome, at, emitted) = await store.ClaimAsync(candidate, cap, time.GetUtcNow(), cancellationToken);
        if (emitted)
        {
            return outcome;
        }

        var recipients = outcome == InterventionOutcomes.Sent ? await RecipientsAsync(candidate, cancellationToken) : [];
        var record = new InterventionRecord(
            candidate.Id, candidate.Kind, outcome, rules.Version, candidate.ConversationId, candidate.CustomerKey, candidate.CapTeam,
            candidate.Queue, candidate.EventTime, at, candidate.Detail, recipients);
        await store.UpsertAsync(record, cancellationToken);
        if (outcome == InterventionOutcomes.Sent)
        {
            await SendAsync(record, cancellationToken);
        }

        await store.MarkEmittedAsync(candidate, cap, at, cancellationToken);
        InterventionMetrics.Record(candidate.Kind, outcome);
        return outcome;
    }

    /// <summary>The notification text: the kind, the contact, what triggered it; never the customer's pseudonym.</summary>
    /// <param name="record">The intervention.</param>
    /// <returns>The text.</returns>
    public static string NotificationText(InterventionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var what = record.Kind switch
        {
            InterventionKinds.CallbackOffer => "Callback offered",
            InterventionKinds.RepeatContact => "Repeat contact flagged priority",
            _ => "Live chat sentiment dropped",
        };
        var queue = record.Queue is { Length: > 0 } q ? $", queue {q}" : string.Empty;
        return $"{what}: conversation {record.ConversationId} (team {record.Team}{queue}): {record.Detail}. Rules {record.RulesVersion}.";
    }

    private async Task SendAsync(InterventionRecord record, CancellationToken cancellationToken)
    {
        if (!_queueEnsured)
        {
            await outbound.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _queueEnsured = true;
        }

        var message = new InterventionOutbound(
            record.Id, record.Kind, InterventionOutbound.ActionOf(record.Kind), record.ConversationId, record.Team, record.Queue,
            record.RulesVersion, record.At, record.Detail);
        await outbound.SendMessageAsync(message.ToJson(), cancellationToken);
        var text = NotificationText(record);
        foreach (var person in record.Recipients)
        {
            var notification = new NotificationRecord(
                person, "intervention-" + record.Id, string.Empty, record.Kind, text, ["inbox"], string.Empty, record.At);
            await notifications.AddIfAbsentAsync(notification, cancellationToken);
        }
    }

    /// <summary>
    /// Who is told: the team's leads (callback offers, repeat contacts) or the team's supervisors, else every supervisor
    /// (sentiment alerts); a team the routing file does not know falls back to its default team.
    /// </summary>
    private async Task<IReadOnlyList<string>> RecipientsAsync(InterventionCandidate candidate, CancellationToken cancellationToken)
    {
        var roster = await rosters.GetAsync(cancellationToken);
        var role = candidate.Kind == InterventionKinds.SentimentAlert ? "Supervisor" : "TeamLead";
        var team = roster.HasTeam(candidate.CapTeam) ? candidate.CapTeam : roster.DefaultTeam;
        var people = Of(roster, team, role);
        if (people.Count == 0 && role == "Supervisor")
        {
            people = [.. roster.People.Where(p => p.Role == role).Select(p => p.Id)];
        }

        return people;
    }

    private static List<string> Of(Roster roster, string team, string role) =>
        [.. roster.People.Where(p => p.Role == role && string.Equals(p.Team, team, StringComparison.Ordinal)).Select(p => p.Id)];
}

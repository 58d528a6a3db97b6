using System.Globalization;
using CxServerless.Domain.Handover;
using CxServerless.Functions.Invocation;
using CxServerless.Workflows.Escalation;
using CxServerless.Workflows.Tasks;

namespace CxServerless.Functions.Handover;

/// <summary>
/// <c>WriteHandovers</c>: a frequent timer (<c>%CxHandoverSchedule%</c>, every minute) that writes a team's shift
/// handover once its boundary has passed. Boundaries come from the routing file in force
/// (<see cref="HandoverSchedule"/>), so a roster change moves them without a redeploy.
/// </summary>
/// <remarks>
/// Each tick takes every team's latest boundary at or before now; a boundary no older than <see cref="CatchUp"/>
/// with no stored handover gets one. The row is inserted only when absent (<see cref="HandoverStore"/>), so overlapping
/// ticks, several instances and restarts write each boundary once; the notifications that follow are insert-if-absent
/// by key too, and the row's <c>Notified</c> flag lets a tick that crashed in between finish them on the next tick.
/// Keeping no "last run" state is deliberate: whatever ran before, a tick only needs storage to know what is left to do.
/// </remarks>
public sealed partial class WriteHandoversFunction(
    IRosterSource rosters,
    HandoverSummarizer summarizer,
    HandoverStore handovers,
    NotificationStore notifications,
    TimeProvider time,
    ILogger<WriteHandoversFunction> logger) : IFunctionHandler
{
    /// <summary>The function's name.</summary>
    public const string FunctionName = "WriteHandovers";

    /// <summary>
    /// How late a handover may still be written: a boundary passed while no instance ran (a deployment, an outage) still
    /// gets its handover within this time; an older one is left out, since its shift has long been working without it.
    /// </summary>
    public static readonly TimeSpan CatchUp = TimeSpan.FromHours(2);

    /// <inheritdoc />
    public string Name => FunctionName;

    /// <inheritdoc />
    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        if (TimerTick.TryRead(request, "timer", out var error) is null)
        {
            return InvocationResult.Fail(error!).Log(error!);
        }

        var written = await WriteDueAsync(cancellationToken);
        return written.Count > 0
            ? InvocationResult.Ok().Log($"{FunctionName}: handovers written for {string.Join(", ", written)}.")
            : InvocationResult.Ok();
    }

    /// <summary>Writes the handovers that are due now; returns the team and boundary of each one this call wrote.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What this call wrote.</returns>
    public async Task<IReadOnlyList<string>> WriteDueAsync(CancellationToken cancellationToken)
    {
        var roster = await rosters.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        var written = new List<string>();
        foreach (var team in HandoverSchedule.Teams(roster))
        {
            if (HandoverSchedule.Latest(roster, team, now) is not { } boundary || now - boundary.At > CatchUp)
            {
                continue;
            }

            var stored = await handovers.GetAsync(team, boundary.At, cancellationToken);
            if (stored is { Notified: true })
            {
                continue;
            }

            var summary = stored?.Summary;
            if (summary is null)
            {
                var fresh = await summarizer.SummarizeAsync(roster, boundary, cancellationToken);
                if (await handovers.AddIfAbsentAsync(fresh, cancellationToken))
                {
                    summary = fresh;
                    written.Add($"{team} at {boundary.At:u}");
                    LogWritten(logger, team, boundary.At, fresh.Alerts.StillOpen, fresh.Tasks.SlaBreaches);
                }
                else
                {
                    // Another instance wrote it first: notify from its copy, so every lead reads the same summary.
                    summary = (await handovers.GetAsync(team, boundary.At, cancellationToken))!.Value.Summary;
                }
            }

            await NotifyAsync(summary, cancellationToken);
            await handovers.MarkNotifiedAsync(team, boundary.At, cancellationToken);
        }

        return written;
    }

    private async Task NotifyAsync(HandoverSummary summary, CancellationToken cancellationToken)
    {
        var key = "handover-" + summary.Team + "-" + summary.At.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture);
        var text = HandoverSummarizer.NotificationText(summary);
        foreach (var lead in summary.IncomingLeads)
        {
            await notifications.AddIfAbsentAsync(
                new NotificationRecord(lead, key, string.Empty, "handover", text, ["inbox"], string.Empty, summary.WrittenAt),
                cancellationToken);
        }
    }

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Shift handover written for {Team} at {Boundary}: {OpenAlerts} alerts open, {Breaches} SLA breaches")]
    private static partial void LogWritten(ILogger logger, string team, DateTimeOffset boundary, int openAlerts, int breaches);
}

using System.Diagnostics.Metrics;

namespace CxServerless.Workflows.Escalation;

/// <summary>
/// What the escalation workflow recorded on its tasks (reminded, acknowledged, slaBreached, resolved, falseAlarm,
/// alertResolved), exported with the app's other <c>CxServerless.*</c> meters. Counted by the activity, which is
/// at-least-once: a rare redelivery counts a change twice.
/// </summary>
internal static class EscalationMetrics
{
    private static readonly Meter Meter = new("CxServerless.Workflows.Escalation");

    private static readonly Counter<long> TaskChanges = Meter.CreateCounter<long>(
        "cx.escalation.task_changes", unit: "{change}", description: "Changes the escalation workflow recorded on tasks, by kind.");

    /// <summary>Records one change of <paramref name="kind"/>.</summary>
    public static void RecordTaskChange(string kind) => TaskChanges.Add(1, new KeyValuePair<string, object?>("kind", kind));
}

using System.Diagnostics.Metrics;
using DurableTask.Core;
using DurableTask.Core.History;

namespace CxServerless.Workflows.Hosting;

/// <summary>
/// Workflow outcomes as metrics, exported with the app's other <c>CxServerless.*</c> meters: orchestrations that
/// finished, by name and status, and activity executions, by name and outcome. Recorded by dispatcher middleware,
/// so no orchestrator code (which replays) records anything.
/// </summary>
internal static class WorkflowMetrics
{
    private static readonly Meter Meter = new("CxServerless.Workflows");

    private static readonly Counter<long> Orchestrations = Meter.CreateCounter<long>(
        "cx.workflows.orchestrations", unit: "{orchestration}",
        description: "Orchestrations that reached a final status, by name and status (Completed, Failed, Terminated, ...).");

    private static readonly Counter<long> Activities = Meter.CreateCounter<long>(
        "cx.workflows.activities", unit: "{execution}", description: "Activity executions by name and outcome (completed, failed).");

    /// <summary>Adds the middleware that records both counters to <paramref name="worker"/>.</summary>
    public static void AddTo(TaskHubWorker worker)
    {
        worker.AddOrchestrationDispatcherMiddleware(async (context, next) =>
        {
            await next();
            var name = context.GetProperty<OrchestrationRuntimeState>()?.Name ?? "unknown";
            foreach (var action in context.GetProperty<OrchestratorExecutionResult>()?.Actions ?? [])
            {
                if (action is DurableTask.Core.Command.OrchestrationCompleteOrchestratorAction complete
                    && complete.OrchestrationStatus != OrchestrationStatus.ContinuedAsNew)
                {
                    RecordOrchestration(name, complete.OrchestrationStatus.ToString());
                }
            }
        });
        worker.AddActivityDispatcherMiddleware(async (context, next) =>
        {
            await next();
            var name = context.GetProperty<TaskScheduledEvent>()?.Name ?? "unknown";
            var failed = context.GetProperty<ActivityExecutionResult>()?.ResponseEvent is TaskFailedEvent;
            RecordActivity(name, failed);
        });
    }

    /// <summary>Records one orchestration that reached <paramref name="status"/>.</summary>
    public static void RecordOrchestration(string name, string status) =>
        Orchestrations.Add(1, new KeyValuePair<string, object?>("name", name), new KeyValuePair<string, object?>("status", status));

    /// <summary>Records one activity execution.</summary>
    public static void RecordActivity(string name, bool failed) =>
        Activities.Add(
            1,
            new KeyValuePair<string, object?>("name", name),
            new KeyValuePair<string, object?>("outcome", failed ? "failed" : "completed"));
}

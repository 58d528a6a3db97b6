using System.Globalization;
using CxServerless.Durable.Client;
using CxServerless.Durable.History;
using CxServerless.Durable.Orchestration;
using CxServerless.Durable.Registration;
using CxServerless.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace CxServerless.Durable.Replay;

/// <summary>
/// Runs one episode of an orchestration: starts the orchestrator on a single-threaded scheduler, replays the past
/// events (matching every scheduled step by sequence number, kind and name), applies the new events, and reports the
/// new steps and the outcome. Nothing here does I/O, so the same history always gives the same result.
/// </summary>
internal sealed class OrchestrationExecutor(WorkflowRegistry registry, IServiceProvider services, DurableOptions options, ILoggerFactory loggers)
{
    /// <summary>The failure type recorded when replay detects a code change.</summary>
    public const string NonDeterminismErrorType = "NonDeterminism";

    public ExecutionResult Execute(InstanceState state, IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> incoming)
    {
        var registration = registry.FindOrchestrator(state.Name);
        if (registration is null)
        {
            return Failed(new WorkflowFailure("UnknownOrchestrator", $"No orchestrator named '{state.Name}' is registered in this worker."));
        }

        var context = new ReplayContext(state.InstanceId, state.Name, state.Generation, options.SerializerOptions, loggers.CreateLogger("CxServerless.Workflow." + state.Name))
        {
            Replaying = past.Any(e => e.Kind == HistoryEventKind.EpisodeStarted),
            Now = past.Concat(incoming).First(e => e.Kind == HistoryEventKind.EpisodeStarted).Timestamp,
        };

        var scheduler = new EpisodeSynchronizationContext();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(scheduler);
        try
        {
            var run = Start(registration, context, state.Input);
            scheduler.Drain();
            foreach (var e in past)
            {
                Apply(context, e, replaying: true);
                scheduler.Drain();
            }

            context.Replaying = false;
            foreach (var e in incoming)
            {
                Apply(context, e, replaying: false);
                scheduler.Drain();
            }

            return Outcome(context, run);
        }
        catch (NonDeterminismException ex)
        {
            return Failed(new WorkflowFailure(NonDeterminismErrorType, ex.Message));
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private Task<string?> Start(OrchestratorRegistration registration, ReplayContext context, string? input)
    {
        try
        {
            return registration.Run(services, context, input, options.SerializerOptions);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Task.FromException<string?>(ex);
        }
    }

    private static void Apply(ReplayContext context, HistoryEvent e, bool replaying)
    {
        switch (e.Kind)
        {
            case HistoryEventKind.EpisodeStarted:
                context.Now = e.Timestamp;
                break;
            case HistoryEventKind.ActivityScheduled:
                Match(context, e, ActionKind.Activity);
                break;
            case HistoryEventKind.TimerCreated:
                Match(context, e, ActionKind.Timer);
                break;
            case HistoryEventKind.SubWorkflowScheduled:
                Match(context, e, ActionKind.SubWorkflow);
                break;
            case HistoryEventKind.ActivityCompleted or HistoryEventKind.TimerFired or HistoryEventKind.SubWorkflowCompleted:
                Find(context, e, replaying).Completion.TrySetResult(e.Payload);
                break;
            case HistoryEventKind.ActivityFailed:
                var activity = Find(context, e, replaying);
                activity.Completion.TrySetException(new ActivityFailedException(activity.Name, e.Failure ?? new WorkflowFailure("Unknown", "no details")));
                break;
            case HistoryEventKind.SubWorkflowFailed:
                var child = Find(context, e, replaying);
                child.Completion.TrySetException(new SubWorkflowFailedException(child.Name, e.Failure ?? new WorkflowFailure("Unknown", "no details")));
                break;
            case HistoryEventKind.EventRaised:
                context.DeliverEvent(e);
                break;
            default:
                break;
        }
    }

    private static void Match(ReplayContext context, HistoryEvent e, ActionKind kind)
    {
        var seq = e.Seq ?? -1;
        if (!context.Actions.TryGetValue(seq, out var action))
        {
            throw new NonDeterminismException(string.Create(CultureInfo.InvariantCulture,
                $"History records {kind} '{e.Name}' at sequence number {seq}, but the orchestrator code did not schedule it on replay. The orchestrator code changed in a way that breaks running instances."));
        }

        if (action.Kind != kind || (kind != ActionKind.Timer && !string.Equals(action.Name, e.Name, StringComparison.Ordinal)))
        {
            throw new NonDeterminismException(string.Create(CultureInfo.InvariantCulture,
                $"History records {kind} '{e.Name}' at sequence number {seq}, but on replay the orchestrator code scheduled {action.Kind} '{action.Name}' there. The orchestrator code changed in a way that breaks running instances."));
        }

        action.Recorded = true;
    }

    private static PendingAction Find(ReplayContext context, HistoryEvent e, bool replaying)
    {
        var seq = e.Seq ?? -1;
        if (context.Actions.TryGetValue(seq, out var action) && action.Recorded)
        {
            return action;
        }

        throw new NonDeterminismException(string.Create(CultureInfo.InvariantCulture,
            $"History has a result ({e.Kind}) for sequence number {seq}, which the orchestrator code did not schedule on {(replaying ? "replay" : "this episode")}."));
    }

    private static ExecutionResult Outcome(ReplayContext context, Task<string?> run)
    {
        var newActions = context.Actions.Values.Where(a => !a.Recorded).OrderBy(a => a.Seq).ToList();
        var result = new ExecutionResult
        {
            Status = WorkflowStatus.Running,
            NewActions = newActions,
            CustomStatusSet = context.CustomStatusSet,
            CustomStatus = context.CustomStatus,
        };

        if (run.IsCompletedSuccessfully)
        {
            if (context.ContinueRequest is { } request)
            {
                var carried = request.Preserve ? context.BufferedEvents.ToList() : [];
                return result with { NewActions = [], ContinueAsNew = new ContinueAsNewRequest(request.Input, carried) };
            }

            return result with { Status = WorkflowStatus.Completed, Output = run.Result };
        }

        if (run.IsFaulted)
        {
            return result with { Status = WorkflowStatus.Failed, Failure = WorkflowFailure.From(run.Exception!.InnerException ?? run.Exception) };
        }

        return run.IsCanceled
            ? result with { Status = WorkflowStatus.Failed, Failure = new WorkflowFailure("Canceled", "The orchestration awaited a cancelled task without handling it.") }
            : result;
    }

    private static ExecutionResult Failed(WorkflowFailure failure) =>
        new() { Status = WorkflowStatus.Failed, Failure = failure };
}

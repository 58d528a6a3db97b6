using CxServerless.Workflows.Approval;
using CxServerless.Workflows.Escalation;
using CxServerless.Workflows.Feedback;
using CxServerless.Workflows.Hosting;
using CxServerless.Workflows.Notifications;
using CxServerless.Workflows.Privacy;

namespace CxServerless.Workflows;

/// <summary>The app's own orchestrators and activities, registered on every handler instance.</summary>
/// <remarks>
/// Every handler instance on a task hub must register the same names: an instance that lacks an orchestrator
/// fails the episodes it picks up. Add a workflow here when it ships.
/// </remarks>
public static class CxWorkflowCatalog
{
    /// <summary>Adds the app's orchestrators and activities to a registry.</summary>
    /// <param name="registry">The registry.</param>
    /// <returns>The same registry.</returns>
    public static WorkflowRegistry Register(WorkflowRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<EscalationOrchestrator>()
            .AddActivity<OpenEscalationTask>()
            .AddActivity<AssignEscalationLevel>()
            .AddActivity<RecordTaskChange>()
            .AddActivity<ReplanEscalation>()
            .AddActivity<DeliverNotification>()
            .AddOrchestrator<ErasureOrchestrator>()
            .AddActivity<BeginErasure>()
            .AddActivity<EraseCustomerData>()
            .AddActivity<CompleteErasure>()
            .AddOrchestrator<RulesApprovalOrchestrator>()
            .AddActivity<OpenRulesApprovalTask>()
            .AddActivity<DecideRulesDraft>()
            .AddOrchestrator<FeedbackOrchestrator>()
            .AddActivity<RecordFeedbackLoop>()
            .AddActivity<RequestFollowUpSurvey>();
    }
}

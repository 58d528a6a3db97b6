using CxServerless.Workflows.Tasks;
using Microsoft.DurableTask;

namespace CxServerless.Workflows.Approval;

/// <summary>
/// Puts the approval task in the OpsAdmin inbox: a row of the Tasks read model (team <c>ops-admins</c>, source
/// <c>approval</c>) and its <c>created</c> timeline entry, both insert-if-absent, so a re-run writes nothing twice.
/// </summary>
[DurableTask(nameof(OpenRulesApprovalTask))]
public sealed class OpenRulesApprovalTask(TaskStore tasks, TimeProvider time) : TaskActivity<RulesApprovalRequest, string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskActivityContext context, RulesApprovalRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var taskId = RulesApprovalRequest.TaskIdFor(input.DraftVersion);
        var now = time.GetUtcNow();
        await tasks.CreateIfAbsentAsync(
            new TaskRecord(
                taskId, RulesApprovalRequest.SubjectIdFor(input.DraftVersion), context.InstanceId, input.Summary, "Informational",
                null, "all", RulesApprovalRequest.Team, RulesApprovalRequest.Source, TaskStatuses.Open, now)
            { DueAt = now + input.Timeout },
            CancellationToken.None);
        await tasks.AppendAsync(taskId, new TimelineEntry("created", now, "created", "system",
            $"rules draft {input.DraftVersion} (from {input.BaseVersion}) needs approval: resolve to activate it, resolve with " +
            "\"reject\" to expire it; it expires by itself at the due time"), CancellationToken.None);
        return taskId;
    }
}

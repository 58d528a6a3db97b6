using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxServerless.Functions.Tasks;

/// <summary>One task as the inbox API shows it.</summary>
/// <param name="Id">The task id (<c>task-{alertId}</c>).</param>
/// <param name="AlertId">The alert it is about.</param>
/// <param name="Title">The alert's message.</param>
/// <param name="Severity">The alert's severity.</param>
/// <param name="Kpi">The KPI, when there is one.</param>
/// <param name="Slice">The slice.</param>
/// <param name="Team">The owning team.</param>
/// <param name="Source">detected or manual.</param>
/// <param name="Status">open, acknowledged or resolved.</param>
/// <param name="CreatedAt">When the task was created.</param>
/// <param name="Assignee">The assignee's user id.</param>
/// <param name="AssigneeName">The assignee's display name.</param>
/// <param name="AssignedAt">When the assignee was given the task.</param>
/// <param name="Level">The escalation level (0 = first).</param>
/// <param name="DueAt">When the current SLA (acknowledgement, then resolution) lapses.</param>
/// <param name="SlaBreached">Whether the task outlived its last level.</param>
/// <param name="Closure">How it was closed: resolved, falseAlarm or alertResolved.</param>
/// <param name="ClosureNote">The resolution or reason given when it closed.</param>
/// <param name="AcknowledgedBy">Who acknowledged it.</param>
/// <param name="AcknowledgedAt">When it was acknowledged.</param>
/// <param name="ClosedBy">Who closed it.</param>
/// <param name="ClosedAt">When it was closed.</param>
/// <param name="MayAct">Whether the caller may act on it (acknowledge, comment, resolve, reassign, mark a false alarm).</param>
public sealed record TaskResponse(
    string Id,
    string AlertId,
    string Title,
    string Severity,
    string? Kpi,
    string Slice,
    string Team,
    string Source,
    string Status,
    DateTimeOffset CreatedAt,
    string? Assignee,
    string? AssigneeName,
    DateTimeOffset? AssignedAt,
    int Level,
    DateTimeOffset? DueAt,
    bool SlaBreached,
    string? Closure,
    string? ClosureNote,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    string? ClosedBy,
    DateTimeOffset? ClosedAt,
    bool MayAct);

/// <summary>One line of a task's timeline.</summary>
/// <param name="Key">The entry's idempotency key: <c>s0001</c>… for workflow steps, <c>api-…</c> for inbox actions.</param>
/// <param name="At">When it happened.</param>
/// <param name="Kind">What happened (created, assigned, acknowledge, acknowledged, comment, resolve, resolved, …).</param>
/// <param name="By">Who did it (a user id, or <c>system</c>).</param>
/// <param name="Text">What to show, masked of personal data.</param>
/// <param name="Person">The person the entry is about (the assignee of an assignment), if any.</param>
public sealed record TimelineEntryResponse(string Key, DateTimeOffset At, string Kind, string By, string Text, string? Person);

/// <summary>A task with its timeline: the answer of <c>GET /api/tasks/{id}</c> and of every action.</summary>
/// <param name="Task">The task.</param>
/// <param name="Timeline">Its timeline, oldest first.</param>
public sealed record TaskDetailResponse(TaskResponse Task, IReadOnlyList<TimelineEntryResponse> Timeline);

/// <summary>Who is asking, and which tasks they see.</summary>
/// <param name="Name">The caller's name.</param>
/// <param name="UserId">The caller's user id (tasks are assigned to it).</param>
/// <param name="Roles">The caller's roles.</param>
/// <param name="Team">The caller's team claim.</param>
/// <param name="Scope">own (an agent: tasks assigned to them), team (a team lead: the team's and their own) or all.</param>
/// <param name="Development">True for a development identity from cx-host.</param>
public sealed record TaskViewerResponse(
    string Name, string? UserId, IReadOnlyList<string> Roles, string? Team, string Scope, bool Development);

/// <summary>A page of tasks.</summary>
/// <param name="Viewer">Who is asking.</param>
/// <param name="Tasks">The tasks on this page, newest first.</param>
/// <param name="ContinuationToken">Pass as <c>continuationToken</c> for the next page; null on the last page.</param>
public sealed record TaskListResponse(TaskViewerResponse Viewer, IReadOnlyList<TaskResponse> Tasks, string? ContinuationToken);

/// <summary>One of the caller's notifications.</summary>
/// <param name="Key">Its key (task and workflow step).</param>
/// <param name="TaskId">The task it is about.</param>
/// <param name="Kind">assigned, reassigned, escalated, reminded or slaBreached.</param>
/// <param name="Text">The message.</param>
/// <param name="Channels">The channels it was meant for.</param>
/// <param name="Delivery">What happened per channel beyond the inbox.</param>
/// <param name="At">When it was made.</param>
public sealed record NotificationResponse(
    string Key, string TaskId, string Kind, string Text, IReadOnlyList<string> Channels, string Delivery, DateTimeOffset At);

/// <summary>The caller's notifications, newest first.</summary>
/// <param name="Notifications">The notifications.</param>
public sealed record NotificationListResponse(IReadOnlyList<NotificationResponse> Notifications);

/// <summary>The body of <c>POST /api/tasks/{id}/acknowledge</c> (optional).</summary>
/// <param name="Note">A note for the timeline.</param>
public sealed record TaskAcknowledgeRequest(string? Note);

/// <summary>The body of <c>POST /api/tasks/{id}/resolve</c>.</summary>
/// <param name="Resolution">What was done; recorded as the task's closure note.</param>
/// <param name="Note">An optional note for the timeline.</param>
public sealed record TaskResolveRequest(string? Resolution, string? Note);

/// <summary>The body of <c>POST /api/tasks/{id}/comment</c>.</summary>
/// <param name="Text">The comment.</param>
public sealed record TaskCommentRequest(string? Text);

/// <summary>The body of <c>POST /api/tasks/{id}/reassign</c>.</summary>
/// <param name="To">The user id of the new assignee, a person of the routing file.</param>
public sealed record TaskReassignRequest(string? To);

/// <summary>The body of <c>POST /api/tasks/{id}/false-alarm</c>.</summary>
/// <param name="Reason">Why the alert was a false alarm; kept for recalibration.</param>
public sealed record TaskFalseAlarmRequest(string? Reason);

/// <summary>Source-generated JSON for the task inbox API: camelCase, no nulls.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TaskDetailResponse))]
[JsonSerializable(typeof(TaskListResponse))]
[JsonSerializable(typeof(NotificationListResponse))]
[JsonSerializable(typeof(TaskAcknowledgeRequest))]
[JsonSerializable(typeof(TaskResolveRequest))]
[JsonSerializable(typeof(TaskCommentRequest))]
[JsonSerializable(typeof(TaskReassignRequest))]
[JsonSerializable(typeof(TaskFalseAlarmRequest))]
internal sealed partial class TaskJsonContext : JsonSerializerContext;

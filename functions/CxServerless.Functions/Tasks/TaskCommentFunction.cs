using System.Security.Cryptography;
using System.Text;
using CxServerless.Functions.Security;
using CxServerless.Workflows.Tasks;
using Microsoft.DurableTask.Client;

namespace CxServerless.Functions.Tasks;

/// <summary>
/// <c>POST /api/tasks/{id}/comment</c> with <c>{ "text" }</c> (at most 4,000 characters): appends the comment, masked of
/// personal data, to the task's timeline. The workflow is not told. The same comment by the same person is recorded
/// once, so a retried call changes nothing. A closed task takes no comments (409).
/// </summary>
public sealed class TaskCommentFunction(TaskStore tasks, DurableTaskClient client, TimeProvider time, HttpFunctionServices services)
    : TaskActionFunction(tasks, client, time, services)
{
    /// <inheritdoc />
    public override string Name => "TaskComment";

    /// <summary>The timeline key of a comment: derived from who wrote what, so that a retry writes nothing new.</summary>
    /// <param name="by">The author.</param>
    /// <param name="text">The masked comment.</param>
    /// <returns>The key.</returns>
    public static string EntryKey(string by, string text)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(by + "\n" + text));
        return "api-comment-" + Convert.ToHexStringLower(hash)[..16];
    }

    /// <inheritdoc />
    protected override TaskActionInput? ReadBody(string? body, out string? problem)
    {
        if (!TaskRequests.TryRead(body, TaskJsonContext.Default.TaskCommentRequest, optional: false, "{ \"text\": \"…\" }",
                out var request, out problem))
        {
            return null;
        }

        var text = TaskRequests.CleanText(request!.Text, "text", required: true, TaskRequests.MaxCommentLength, out problem);
        return problem is null ? new TaskActionInput(text) : null;
    }

    /// <inheritdoc />
    protected override Task<TaskActionPlan> PlanAsync(
        TaskRecord task, TaskActionInput input, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(input);
        var entry = new TimelineEntry(EntryKey(by, input.Text!), now, "comment", by, input.Text!);
        return Task.FromResult(task.IsClosed
            ? Closed(task)
            : new TaskActionPlan(TaskActionOutcome.Apply, null, t => t, t => !t.IsClosed, entry, null, null));
    }
}

using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Testing;
using CxServerless.Workflows.Tasks;

namespace CxServerless.Functions.Tests.Tasks;

/// <summary>
/// Role × action for tasks, every cell, against the real handler and workflow. The expected answers are written here,
/// not read from the functions: a change of who may do what must change this table.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class TaskRoleMatrixTests(AzuriteFixture azurite)
{
    /// <summary>
    /// Every task of this test is a warning on <c>queue=billing</c> asking for the skill <c>refunds</c>: the routing file gives
    /// it to <c>agent-1</c> of team <c>billing</c>. "list" says whether the task is in the caller's list.
    /// </summary>
    private static readonly Row[] Expected =
    [
        //   who                              caller               list   get  acknowledge comment resolve reassign false-alarm
        new("Agent, the assignee",            Caller.AgentOne,     true,  200, 200,        200,    200,    200,     200),
        new("Agent, not the assignee",        Caller.AgentTwo,     false, 404, 404,        404,    404,    404,     404),
        new("TeamLead of the task's team",    Caller.BillingLead,  true,  200, 200,        200,    200,    200,     200),
        new("TeamLead of another team",       Caller.SalesLead,    false, 404, 404,        404,    404,    404,     404),
        new("Supervisor",                     Caller.Supervisor,   true,  200, 200,        200,    200,    200,     200),
        new("OpsAdmin",                       Caller.OpsAdmin,     true,  200, 200,        200,    200,    200,     200),
        new("Auditor",                        Caller.Auditor,      true,  200, 403,        403,    403,    403,     403),
    ];

    [Fact]
    public async Task Each_role_sees_and_changes_exactly_the_tasks_the_table_says_and_hidden_tasks_answer_404()
    {
        using var host = new TaskInboxHost(azurite);
        var failures = new List<string>();
        var cells = 0;
        foreach (var row in Expected)
        {
            // Three fresh tasks per row: one for comment, acknowledge and reassign (in that order), one to resolve, one to
            // close as a false alarm. Started row by row, so that a loaded machine never has many escalations to open at once.
            var tasks = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
                host.StartEscalationAsync("mx" + Guid.NewGuid().ToString("N")[..12], AlertSeverity.Warning, skill: "refunds")));
            Assert.All(tasks, t => Assert.Equal(("agent-1", "billing"), (t.Assignee, t.Team)));
            var (a, b, c) = (tasks[0], tasks[1], tasks[2]);

            var list = await host.ListAsync(row.Caller, ("alertId", a.AlertId));
            Check(row, "list", list.Status == 200 && list.TaskIds.Contains(a.TaskId) == row.List,
                $"{list.Status}, listed: {list.TaskIds.Contains(a.TaskId)}", $"200, listed: {row.List}");
            CheckStatus(row, "get", (await host.GetAsync(row.Caller, a.TaskId)).Status, row.Get);
            await ActAsync(row, "comment", "TaskComment", a, """{"text":"matrix comment"}""", row.Comment);
            await ActAsync(row, "acknowledge", "TaskAcknowledge", a, null, row.Acknowledge);
            await ActAsync(row, "reassign", "TaskReassign", a, """{"to":"agent-2"}""", row.Reassign);
            await ActAsync(row, "resolve", "TaskResolve", b, """{"resolution":"matrix"}""", row.Resolve);
            await ActAsync(row, "false-alarm", "TaskFalseAlarm", c, """{"reason":"matrix"}""", row.FalseAlarm);
        }

        Assert.True(failures.Count == 0, "Cells that differ from the table:\n" + string.Join("\n", failures));
        Assert.Equal(Expected.Length * 7, cells);

        void Check(Row row, string action, bool ok, string got, string expected)
        {
            cells++;
            if (!ok)
            {
                failures.Add($"{row.Who} × {action}: got {got}, expected {expected}");
            }
        }

        void CheckStatus(Row row, string action, int got, int expected) =>
            Check(row, action, got == expected, got.ToString(System.Globalization.CultureInfo.InvariantCulture),
                expected.ToString(System.Globalization.CultureInfo.InvariantCulture));

        async Task ActAsync(Row row, string action, string function, TaskRecord task, string? body, int expected)
        {
            var before = await host.Tasks.GetAsync(task.TaskId, CancellationToken.None);
            var entries = (await host.Tasks.TimelineAsync(task.TaskId, CancellationToken.None)).Count;
            var answer = await host.ActAsync(function, row.Caller, task.TaskId, body);
            CheckStatus(row, action, answer.Status, expected);
            if (answer.Status != 200)
            {
                // A refused action changes nothing: neither the row nor the timeline.
                var after = await host.Tasks.GetAsync(task.TaskId, CancellationToken.None);
                var entriesAfter = (await host.Tasks.TimelineAsync(task.TaskId, CancellationToken.None)).Count;
                if (after != before || entriesAfter != entries)
                {
                    failures.Add($"{row.Who} × {action}: refused with {answer.Status} but the task changed");
                }
            }
        }
    }

    private sealed record Row(
        string Who, Caller Caller, bool List, int Get, int Acknowledge, int Comment, int Resolve, int Reassign, int FalseAlarm);
}

using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Testing;

namespace CxServerless.Functions.Tests.Tasks;

/// <summary>Bad input to the task inbox API: each gets a clear RFC 9457 problem and changes neither the task nor its timeline.</summary>
[Collection(AzuriteTests.Name)]
public sealed class TaskBadInputTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Unknown_tasks_bad_json_overlong_text_unknown_reassignees_and_bad_queries_are_refused_and_change_nothing()
    {
        using var host = new TaskInboxHost(azurite);
        var task = await host.StartEscalationAsync("bad" + Guid.NewGuid().ToString("N")[..12], AlertSeverity.Critical);
        var id = task.TaskId;
        var lead = Caller.BillingLead;
        var rowBefore = await host.Tasks.GetAsync(id, CancellationToken.None);
        var timelineBefore = await host.Tasks.TimelineAsync(id, CancellationToken.None);

        var unknown = await host.ActAsync("TaskAcknowledge", lead, "task-does-not-exist");
        Assert.Equal((404, "Not found"), (unknown.Status, unknown.Body["title"]!.GetValue<string>()));
        Assert.Equal(404, (await host.GetAsync(Caller.Supervisor, "task-does-not-exist")).Status);
        Assert.Equal(400, (await host.GetAsync(lead, "task with spaces")).Status);
        Assert.Equal(400, (await host.ActAsync("TaskComment", lead, "a/b", """{"text":"x"}""")).Status);

        var badJson = await host.ActAsync("TaskComment", lead, id, "{not json");
        Assert.Equal(400, badJson.Status);
        Assert.Contains("not valid JSON", badJson.Detail, StringComparison.Ordinal);
        Assert.Equal(400, (await host.ActAsync("TaskComment", lead, id, "[1,2]")).Status);
        Assert.Equal(400, (await host.ActAsync("TaskComment", lead, id, "null")).Status);
        Assert.Equal(400, (await host.ActAsync("TaskComment", lead, id, """{"text":"   "}""")).Status);

        var tooLong = await host.ActAsync("TaskComment", lead, id, $$"""{"text":"{{new string('x', 4001)}}"}""");
        Assert.Equal(400, tooLong.Status);
        Assert.Contains("4001 characters", tooLong.Detail, StringComparison.Ordinal);
        Assert.Contains("at most 4000", tooLong.Detail, StringComparison.Ordinal);

        var nobody = await host.ActAsync("TaskReassign", lead, id, """{"to":"nobody-7"}""");
        Assert.Equal(400, nobody.Status);
        Assert.Contains("'nobody-7' is not a person in the routing file", nobody.Detail, StringComparison.Ordinal);
        Assert.Equal(400, (await host.ActAsync("TaskReassign", lead, id, """{"to":"has space"}""")).Status);

        var noResolution = await host.ActAsync("TaskResolve", lead, id, "{}");
        Assert.Equal(400, noResolution.Status);
        Assert.Contains("resolution is required", noResolution.Detail, StringComparison.Ordinal);
        Assert.Equal(400, (await host.ActAsync("TaskResolve", lead, id, $$"""{"resolution":"{{new string('r', 2001)}}"}""")).Status);
        Assert.Equal(400, (await host.ActAsync("TaskFalseAlarm", lead, id, """{"reason":""}""")).Status);
        Assert.Equal(400, (await host.ActAsync("TaskAcknowledge", lead, id, "{oops")).Status);

        var huge = await host.ActAsync("TaskComment", lead, id, $$"""{"text":"{{new string('y', 70 * 1024)}}"}""");
        Assert.Equal(413, huge.Status);

        Assert.Equal(400, (await host.ListAsync(lead, ("status", "bogus"))).Status);
        Assert.Equal(400, (await host.ListAsync(lead, ("top", "0"))).Status);
        Assert.Equal(400, (await host.ListAsync(lead, ("top", "201"))).Status);
        Assert.Equal(400, (await host.ListAsync(lead, ("mine", "yes"))).Status);
        Assert.Equal(400, (await host.ListAsync(lead, ("continuationToken", "not-a-token"))).Status);
        Assert.Equal(400, (await host.InvokeAsync("Notifications", lead, "GET", null, null, ("top", "500"))).Status);

        Assert.Equal(rowBefore, await host.Tasks.GetAsync(id, CancellationToken.None));
        Assert.Equal(timelineBefore, await host.Tasks.TimelineAsync(id, CancellationToken.None));

        // The limit is 4,000 characters: exactly that many is a comment.
        var longest = await host.ActAsync("TaskComment", lead, id, $$"""{"text":"{{new string('z', 4000)}}"}""");
        Assert.Equal(200, longest.Status);
    }
}

using CxServerless.Functions.Retention;
using CxServerless.Functions.Tests.Hosting;
using CxServerless.Functions.Tests.Workflows;
using CxServerless.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CxServerless.Functions.Tests.Retention;

/// <summary>
/// The workflow history purge against the Durable Task Framework hosted in the real handler (its own task hub): finished
/// instances older than 30 days (the default limit) are purged, running and held ones stay, a second run purges nothing.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class WorkflowHistoryPurgeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Finished_instances_past_the_limit_are_purged_and_running_and_held_ones_remain()
    {
        var holdsTable = AzuriteFixture.UniqueName("wphold");
        var runsTable = AzuriteFixture.UniqueName("wpruns");
        using var server = new HandlerServer(
            azurite.ConnectionString,
            settings: new Dictionary<string, string> { ["CxLegalHoldsTable"] = holdsTable, ["CxRetentionRunsTable"] = runsTable },
            workflows: r => r.AddOrchestrator<ApprovalTestWorkflow>());
        using var http = server.Client();
        try
        {
            var client = server.Services.GetRequiredService<DurableTaskClient>();
            foreach (var id in new[] { "wf-done", "wf-ended", "wf-running", "esc-case-77" })
            {
                await client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalTestWorkflow), id, new StartOrchestrationOptions(id));
                await client.WaitForInstanceStartAsync(id).WaitAsync(TimeSpan.FromSeconds(60));
            }

            await client.RaiseEventAsync("wf-done", "approve", new Decision("lead", "ok"));
            await client.RaiseEventAsync("esc-case-77", "approve", new Decision("lead", "ok"));
            await client.TerminateInstanceAsync("wf-ended", "duplicate");
            foreach (var id in new[] { "wf-done", "wf-ended", "esc-case-77" })
            {
                await client.WaitForInstanceCompletionAsync(id).WaitAsync(TimeSpan.FromSeconds(60));
            }

            var holds = server.Services.GetRequiredService<LegalHoldStore>();
            await holds.SetAsync(
                new LegalHold(LegalHoldKinds.Case, "case-77", "review", "ops-1", DateTimeOffset.UtcNow), CancellationToken.None);
            var now = DateTimeOffset.UtcNow;

            // 29 days on: nothing has been finished for 30 days yet.
            Assert.Equal(0, (await Purger(client, holds, now.AddDays(29)).RunAsync(CancellationToken.None)).Deleted);

            var due = await Purger(client, holds, now.AddDays(31)).RunAsync(CancellationToken.None);
            Assert.Equal((2L, 1L), (due.Deleted, due.Held));
            Assert.Null(await client.GetInstanceAsync("wf-done"));
            Assert.Null(await client.GetInstanceAsync("wf-ended"));
            Assert.Equal(OrchestrationRuntimeStatus.Running, (await client.GetInstanceAsync("wf-running"))!.RuntimeStatus);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, (await client.GetInstanceAsync("esc-case-77"))!.RuntimeStatus);

            var again = await Purger(client, holds, now.AddDays(32)).RunAsync(CancellationToken.None);
            Assert.Equal((0L, 1L), (again.Deleted, again.Held));

            // The timer through the handler, on the real clock: nothing is due, and the run is recorded.
            var tick = await RetentionApi.TickAsync(http, "PurgeWorkflowHistory");
            Assert.Null(tick["Error"]);
            var runs = await server.Services.GetRequiredService<RetentionRunStore>().LatestAsync(10, CancellationToken.None);
            var run = Assert.Single(runs);
            Assert.Equal(("PurgeWorkflowHistory", 0L), (run.Job, run.Deleted));
            Assert.NotNull(await client.GetInstanceAsync("wf-running"));
        }
        finally
        {
            await azurite.Tables.DeleteTableAsync(holdsTable);
            await azurite.Tables.DeleteTableAsync(runsTable);
        }
    }

    private static WorkflowHistoryPurger Purger(DurableTaskClient client, LegalHoldStore holds, DateTimeOffset now) =>
        new(client, holds, Options.Create(new RetentionOptions()), new FakeTimeProvider(now));
}

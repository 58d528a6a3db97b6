using Azure.Data.Tables;
using CxServerless.Functions.Retention;
using CxServerless.Testing;
using CxServerless.Workflows.Feedback;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CxServerless.Functions.Tests.Feedback;

/// <summary>
/// The retention sweep of the FeedbackLoops table on Azurite with a fake clock: rows past the README's 180 days go,
/// newer rows stay, and a customer under a legal hold keeps theirs; the FeedbackReport table's day partitions go by the
/// same limit.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class FeedbackRetentionTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2031, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private const string Held = "c-k1-0123456789abcdef0123456789abcdef";
    private const string Free = "c-k1-fedcba9876543210fedcba9876543210";

    [Fact]
    public async Task Loops_and_attached_items_past_180_days_go_unless_their_customer_is_held()
    {
        var loops = new FeedbackLoopStore(new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("retfl")));
        var holdsTable = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("retflholds"));
        var missing = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("retflnone"));
        try
        {
            foreach (var (customer, days, name) in new[] { (Free, 181, "old"), (Free, 179, "new"), (Held, 181, "held") })
            {
                var at = Now.AddDays(-days);
                var loop = new FeedbackLoopRecord(customer, "feedback-" + name, "e-" + name, "nps", "billing", "v", "closed", at);
                await loops.SaveAsync(loop, default);
                await loops.AttachAsync(customer, "feedback-" + name, "att-" + name, ["csat"], "billing", at, default);
            }

            var sweeper = await SweeperAsync(holdsTable, Held, missing, t => t with { FeedbackLoops = loops.Table });

            var run = await sweeper.RunAsync(default);

            var count = run.Classes.Single(c => c.Class == "feedbackLoops");
            Assert.Equal((2L, 2L, "swept"), (count.Deleted, count.Held, count.Status));
            Assert.Null(await loops.GetAsync(Free, "feedback-old", default));
            Assert.NotNull(await loops.GetAsync(Free, "feedback-new", default));
            Assert.NotNull(await loops.GetAsync(Held, "feedback-held", default));
            Assert.Equal(1, await loops.AttachedAsync(Free, "feedback-new", default));
            Assert.Equal(0, await loops.AttachedAsync(Free, "feedback-old", default));
        }
        finally
        {
            await loops.Table.DeleteAsync();
            await holdsTable.DeleteAsync();
        }
    }

    [Fact]
    public async Task Reporting_rows_go_by_whole_opening_days_before_the_cutoff_day()
    {
        var report = new FeedbackReportStore(new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("retfr")));
        var holdsTable = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("retfrholds"));
        var missing = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("retfrnone"));
        try
        {
            // The cutoff is 180 days back: 2030-12-17 12:00. Its day's partition stays whole until the day has passed.
            var opened = new[] { ("old", Now.AddDays(-181)), ("cutoffDay", Now.AddDays(-180).AddHours(-6)), ("new", Now.AddDays(-179)) };
            foreach (var (name, at) in opened)
            {
                var loop = new FeedbackLoopRecord(Free, "feedback-" + name, "e-" + name, "nps", "billing", "v", "closed", at);
                await report.SaveAsync(loop, default);
            }

            // The customer of these loops is held: anonymous rows are not theirs, so the hold does not keep them.
            var sweeper = await SweeperAsync(holdsTable, Free, missing, t => t with { FeedbackReport = report.Table });

            var count = (await sweeper.RunAsync(default)).Classes.Single(c => c.Class == "feedbackReport");

            Assert.Equal((1L, 0L, "swept", 180), (count.Deleted, count.Held, count.Status, count.Days));
            var left = await report.ListOpenedAsync(Now.AddDays(-200), Now, default);
            Assert.Equal(["feedback-cutoffDay", "feedback-new"], left.Select(l => l.LoopId).Order(StringComparer.Ordinal));
            Assert.Equal(0, (await sweeper.RunAsync(default)).Classes.Single(c => c.Class == "feedbackReport").Deleted);
        }
        finally
        {
            await report.Table.DeleteAsync();
            await holdsTable.DeleteAsync();
        }
    }

    // A sweep of only the tables a test names (the others missing), with the customer held, at Now.
    private static async Task<RetentionSweeper> SweeperAsync(
        TableClient holdsTable, string held, TableClient missing, Func<RetentionTables, RetentionTables> with)
    {
        await holdsTable.CreateIfNotExistsAsync();
        var holds = new LegalHoldStore(holdsTable);
        await holds.SetAsync(new LegalHold(LegalHoldKinds.Customer, held, "dispute", "ops-1", Now), default);
        var tables = new RetentionTables(
            missing, missing, missing, missing, missing, missing, missing, missing, missing, missing, missing, missing, missing);
        return new RetentionSweeper(
            with(tables), holds, Options.Create(new RetentionOptions()), new FakeTimeProvider(Now), NullLogger<RetentionSweeper>.Instance);
    }
}

using Azure.Data.Tables;
using CxServerless.Domain.Interventions;
using CxServerless.Functions.Interventions;
using CxServerless.Functions.Retention;
using CxServerless.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CxServerless.Functions.Tests.Interventions;

/// <summary>
/// The Interventions table on Azurite: the retention sweep deletes rows past the README's 90 days unless their customer is
/// held, and the erasure deletes every row that names the customer (listed interventions, live state, claims, counters).
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class InterventionRetentionTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2031, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private const string Held = "c-k1-0123456789abcdef0123456789abcdef";
    private const string Free = "c-k1-fedcba9876543210fedcba9876543210";

    [Fact]
    public async Task Rows_past_90_days_go_unless_their_customer_is_held_and_erasure_removes_every_row_of_the_customer()
    {
        var store = new InterventionStore(new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("retiv")));
        var holdsTable = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("retivholds"));
        var missing = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("retivnone"));
        var cap = new FrequencyCap(5, 5, TimeSpan.FromHours(1));
        try
        {
            // Per customer and age: a listed intervention, a wait, the latest contact on the topic, a claim and counters.
            foreach (var (customer, days, name) in new[] { (Free, 91, "old"), (Free, 89, "new"), (Held, 91, "held") })
            {
                var at = Now.AddDays(-days);
                var candidate = new InterventionCandidate(
                    InterventionKinds.CallbackOffer, "conv-" + name, customer, "team-a", "billing", at, "waited 130 s");
                await store.UpsertAsync(
                    new InterventionRecord(
                        candidate.Id, candidate.Kind, InterventionOutcomes.Sent, "v", candidate.ConversationId, customer, "team-a",
                        "billing", at, at, candidate.Detail, ["lead-a"]),
                    default);
                await store.RecordWaitAsync(candidate with { ConversationId = "wait-" + name }, at, default);
                await store.RecordContactAsync(candidate, "billing", at, default);
                Assert.Equal(InterventionOutcomes.Sent, (await store.ClaimAsync(candidate, cap, at, default)).Outcome);
            }

            await holdsTable.CreateIfNotExistsAsync();
            var holds = new LegalHoldStore(holdsTable);
            await holds.SetAsync(new LegalHold(LegalHoldKinds.Customer, Held, "dispute", "ops-1", Now), default);
            var tables = new RetentionTables(
                missing, missing, missing, missing, missing, missing, missing, missing, missing, missing, missing, missing, missing,
                Interventions: store.Table);
            var sweeper = new RetentionSweeper(
                tables, holds, Options.Create(new RetentionOptions()), new FakeTimeProvider(Now), NullLogger<RetentionSweeper>.Instance);

            var run = await sweeper.RunAsync(default);

            // Old (Free): intervention, wait, claim, customer counter, and the team counter of that hour (it names no one).
            // Held: intervention, wait, latest contact, claim, customer counter. Free's latest contact is the newer one.
            var count = run.Classes.Single(c => c.Class == "interventions");
            Assert.Equal((5L, 5L, "swept"), (count.Deleted, count.Held, count.Status));
            Assert.Equal(["conv-held", "conv-new"], await ListedAsync(store));

            var erased = await new InterventionErasure(store).EraseAsync(Free, default);

            Assert.Equal(5, erased); // the new intervention, wait, latest contact, claim and customer counter
            var left = await AllAsync(store);
            Assert.DoesNotContain(
                left, r => r.GetString("CustomerKey") == Free || r.PartitionKey.Contains(Free, StringComparison.Ordinal));
            Assert.Equal(5, left.Count(r => r.GetString("CustomerKey") == Held));
            Assert.Single(left, r => r.RowKey.StartsWith("team-", StringComparison.Ordinal)); // the new hour's team counter
        }
        finally
        {
            await store.Table.DeleteAsync();
            await holdsTable.DeleteAsync();
        }
    }

    private static async Task<List<string?>> ListedAsync(InterventionStore store) =>
        [.. (await AllAsync(store)).Where(r => r.GetString("Id") is not null).Select(r => r.GetString("ConversationId")).Order()];

    private static async Task<List<TableEntity>> AllAsync(InterventionStore store)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in store.Table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }
}

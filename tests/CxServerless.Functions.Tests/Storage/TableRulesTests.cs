using Azure.Data.Tables;
using CxServerless.Functions.Storage;
using CxServerless.Testing;

namespace CxServerless.Functions.Tests.Storage;

/// <summary>Azure Table rules enforced on our side, one test per rule, plus proof that Azurite alone would not catch them.</summary>
[Collection(AzuriteTests.Name)]
public sealed class TableRulesTests(AzuriteFixture azurite)
{
    private static TableTransactionAction Add(string pk, string rk, string? payload = null)
    {
        var entity = new TableEntity(pk, rk);
        if (payload is not null)
        {
            entity["Payload"] = payload;
        }

        return new TableTransactionAction(TableTransactionActionType.Add, entity);
    }

    [Fact]
    public void A_transaction_mixing_partition_keys_is_refused()
    {
        var ex = Assert.Throws<TableRuleViolationException>(() => TableRules.ValidateTransaction([Add("a", "1"), Add("b", "2")]));
        Assert.Contains("mix partition keys", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transaction_of_more_than_100_operations_is_refused_and_100_is_accepted()
    {
        TableRules.ValidateTransaction([.. Enumerable.Range(0, 100).Select(i => Add("p", $"r{i}"))]);
        Assert.Throws<TableRuleViolationException>(() => TableRules.ValidateTransaction([.. Enumerable.Range(0, 101).Select(i => Add("p", $"r{i}"))]));
        Assert.Throws<TableRuleViolationException>(() => TableRules.ValidateTransaction([]));
    }

    [Fact]
    public void A_transaction_over_4_MiB_is_refused()
    {
        var big = new string('x', 30_000); // 60 KB per entity as UTF-16
        var actions = Enumerable.Range(0, 80).Select(i => Add("p", $"r{i}", big)).ToList();
        var ex = Assert.Throws<TableRuleViolationException>(() => TableRules.ValidateTransaction(actions));
        Assert.Contains("4194304", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transaction_touching_a_row_twice_is_refused()
    {
        Assert.Throws<TableRuleViolationException>(() => TableRules.ValidateTransaction([Add("p", "1"), Add("p", "1")]));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\u0001b")]
    [InlineData("a\u007fb")]
    public void Keys_with_forbidden_characters_are_refused(string key)
    {
        Assert.Throws<TableRuleViolationException>(() => TableRules.ValidateKey(key, "RowKey"));
        Assert.Throws<TableRuleViolationException>(() => TableRules.ValidateEntity(new TableEntity(key, "ok")));
    }

    [Fact]
    public void Keys_longer_than_1_KiB_are_refused()
    {
        TableRules.ValidateKey(new string('k', 512), "PartitionKey");
        Assert.Throws<TableRuleViolationException>(() => TableRules.ValidateKey(new string('k', 513), "PartitionKey"));
    }

    [Fact]
    public void A_string_property_over_64_KiB_is_refused()
    {
        TableRules.ValidateEntity(new TableEntity("p", "r") { ["Text"] = new string('t', 32_000) });
        Assert.Throws<TableRuleViolationException>(() => TableRules.ValidateEntity(new TableEntity("p", "r") { ["Text"] = new string('t', 33_000) }));
        Assert.Throws<TableRuleViolationException>(() => TableRules.ValidateEntity(new TableEntity("p", "r") { ["Blob"] = new byte[70_000] }));
    }

    [Fact]
    public void An_entity_over_1_MiB_or_252_properties_is_refused()
    {
        var large = new TableEntity("p", "r");
        for (var i = 0; i < 20; i++)
        {
            large[$"Part{i}"] = new string('x', 30_000);
        }

        Assert.Throws<TableRuleViolationException>(() => TableRules.ValidateEntity(large));

        var wide = new TableEntity("p", "r");
        for (var i = 0; i < 253; i++)
        {
            wide[$"P{i}"] = i;
        }

        Assert.Throws<TableRuleViolationException>(() => TableRules.ValidateEntity(wide));
    }

    [Fact]
    public void The_planner_cuts_writes_into_valid_transactions_by_partition_count_and_size()
    {
        var actions = Enumerable.Range(0, 250).Select(i => Add(i % 2 == 0 ? "even" : "odd", $"r{i:D3}"))
            .Concat(Enumerable.Range(0, 90).Select(i => Add("big", $"b{i}", new string('x', 30_000))))
            .ToList();
        var plan = TableTransactions.Plan(actions);
        Assert.All(plan, TableRules.ValidateTransaction);
        Assert.Equal(actions.Count, plan.Sum(t => t.Count));
        Assert.Equal(2 + 2 + 2, plan.Count);
    }

    [Fact]
    public async Task Azurite_accepts_a_mixed_partition_transaction_that_the_guard_refuses_before_sending()
    {
        var table = azurite.Tables.GetTableClient(AzuriteFixture.UniqueName("rules"));
        await table.CreateIfNotExistsAsync();
        try
        {
            List<TableTransactionAction> mixed = [Add("a", "1"), Add("b", "2")];
            await Assert.ThrowsAsync<TableRuleViolationException>(() => TableTransactions.SubmitAsync(table, mixed, CancellationToken.None));
            Assert.Empty(table.Query<TableEntity>().ToList());

            // Azurite itself lets it through (Azurite issue #1215); Azure would answer 400. This is why the guard exists.
            await table.SubmitTransactionAsync(mixed);
            Assert.Equal(2, table.Query<TableEntity>().Count());
        }
        finally
        {
            await table.DeleteAsync();
        }
    }
}

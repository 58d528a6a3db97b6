using Azure.Data.Tables;
using CxServerless.Durable.Storage;

namespace CxServerless.Durable.Tests.Storage;

/// <summary>Azure's entity-group transaction rules, which Azurite does not all enforce, are enforced before sending.</summary>
public sealed class TransactionRulesTests
{
    [Fact]
    public void Mixed_partition_keys_are_rejected()
    {
        var ex = Assert.Throws<TransactionRuleException>(() => TransactionRules.Validate([Upsert("p1", "a"), Upsert("p2", "b")]));
        Assert.Contains("one partition key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_100_operations_are_rejected_and_100_are_accepted()
    {
        TransactionRules.Validate([.. Enumerable.Range(0, 100).Select(i => Upsert("p", $"r{i}"))]);
        var ex = Assert.Throws<TransactionRuleException>(() => TransactionRules.Validate([.. Enumerable.Range(0, 101).Select(i => Upsert("p", $"r{i}"))]));
        Assert.Contains("at most 100", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transaction_over_4_MiB_is_rejected()
    {
        var big = new string('x', 300_000); // about 600 KB each as UTF-16
        var ex = Assert.Throws<TransactionRuleException>(() => TransactionRules.Validate([.. Enumerable.Range(0, 8).Select(i => Upsert("p", $"r{i}", big))]));
        Assert.Contains("4 MiB", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entity_over_1_MiB_is_rejected()
    {
        var ex = Assert.Throws<TransactionRuleException>(() => TransactionRules.Validate([Upsert("p", "r", new string('x', 600_000))]));
        Assert.Contains("1048576", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\u0001b")]
    [InlineData("a\u0085b")]
    public void Forbidden_key_characters_are_rejected(string key)
    {
        Assert.Throws<TransactionRuleException>(() => TransactionRules.Validate([Upsert(key, "r")]));
        Assert.Throws<TransactionRuleException>(() => TransactionRules.Validate([Upsert("p", key)]));
        Assert.NotNull(KeyRules.Check(key));
    }

    [Fact]
    public void A_key_over_1_KiB_is_rejected()
    {
        Assert.NotNull(KeyRules.Check(new string('k', 1025)));
        Assert.Null(KeyRules.Check(new string('k', 1024)));
    }

    [Fact]
    public void The_same_entity_twice_is_rejected()
    {
        Assert.Throws<TransactionRuleException>(() => TransactionRules.Validate([Upsert("p", "r"), Upsert("p", "r")]));
    }

    private static TableTransactionAction Upsert(string pk, string rk, string? value = null) =>
        new(TableTransactionActionType.UpsertReplace, new TableEntity(pk, rk) { ["Value"] = value ?? "v" });
}

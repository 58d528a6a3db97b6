using Azure.Data.Tables;
using CxServerless.Domain.Analytics.Windows;
using CxServerless.Domain.Sentiment;
using CxServerless.Functions.Retention;
using CxServerless.Functions.Sentiment;
using CxServerless.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CxServerless.Functions.Tests.Retention;

/// <summary>The retention sweep deletes sentiment scores of event minutes older than <c>Retention__SentimentScoresDays</c>.</summary>
[Collection(AzuriteTests.Name)]
public sealed class SentimentScoresRetentionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2031, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private readonly TableClient _scores = azurite.Tables.GetTableClient(AzuriteFixture.UniqueName("retss"));
    private readonly TableClient _missing = azurite.Tables.GetTableClient(AzuriteFixture.UniqueName("retnone"));

    public Task InitializeAsync() => _scores.CreateIfNotExistsAsync();

    public Task DisposeAsync() => _scores.DeleteAsync();

    [Fact]
    public async Task Scores_older_than_the_limit_are_deleted_once_and_newer_ones_kept()
    {
        var store = new SentimentScoreStore(_scores);
        var score = new SentimentScore(SentimentLabel.Positive, new SentimentConfidence(0.9, 0.1, 0), 0.6, "local-lexicon", "v");
        foreach (var (id, age) in new[] { ("old-1", 40.0), ("old-2", 35.01), ("new-1", 34.99), ("new-2", 1.0) })
        {
            var time = Now.AddDays(-age);
            await store.AddIfAbsentAsync(
                new SentimentScoreRow(EventMinutes.MinuteOf(time), id, id, "test", time, score, null, false, time, true, false),
                CancellationToken.None);
        }

        var m = _missing;
        var sweeper = new RetentionSweeper(
            new RetentionTables(m, m, m, m, m, m, m, m, m, m, m, m, m, _scores),
            new LegalHoldStore(m),
            Options.Create(new RetentionOptions()),
            new FakeTimeProvider(Now),
            NullLogger<RetentionSweeper>.Instance);

        var first = await sweeper.RunAsync(CancellationToken.None);
        var second = await sweeper.RunAsync(CancellationToken.None);

        var counted = first.Classes.Single(c => c.Class == "sentimentScores");
        Assert.Equal(("swept", 2L, 35), (counted.Status, counted.Deleted, counted.Days));
        Assert.Equal(0, second.Classes.Single(c => c.Class == "sentimentScores").Deleted);
        var left = new List<string>();
        await foreach (var row in _scores.QueryAsync<TableEntity>())
        {
            left.Add(row.RowKey);
        }

        Assert.Equal(["new-1", "new-2"], left.Order());
    }
}

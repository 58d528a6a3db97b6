using CxServerless.Domain.Sentiment;
using Microsoft.Extensions.Time.Testing;
using WireMock.Server;

namespace CxServerless.Functions.Tests.Sentiment;

/// <summary>
/// The cost guard (<c>Sentiment__MaxLanguageCallsPerMinute</c>): past the cap in one minute the local scorer answers
/// without a request, and the next minute Language answers again. The clock is a <see cref="FakeTimeProvider"/>.
/// </summary>
public sealed class CostGuardTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    [Fact]
    public async Task Past_the_cap_in_a_minute_the_local_scorer_answers_and_the_next_minute_Language_does_again()
    {
        _server.Given(LanguageFake.Analyze()).RespondWith(LanguageFake.Answers());
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 5, TimeSpan.Zero));
        using var h = new SentimentHarness(
            new Dictionary<string, string?>
            {
                ["CxLanguageEndpoint"] = _server.Url,
                ["CxLanguageKey"] = "local-test-key",
                ["Sentiment:MaxLanguageCallsPerMinute"] = "2",
            },
            clock);
        var texts = Enumerable.Range(0, 25).Select(i => $"Call {i} was lovely.").ToArray();

        var first = await h.ScoreAsync(texts); // three batches of 10, 10 and 5: the third is over the cap

        Assert.Equal(2, _server.Calls());
        Assert.All(first.Take(20), d => Assert.Equal(("azure-language", (string?)null), (d.Score.Scorer, d.Fallback)));
        Assert.All(first.Skip(20), d => Assert.Equal((LexiconSentimentScorer.Name, "cost-guard"), (d.Score.Scorer, d.Fallback)));

        clock.Advance(TimeSpan.FromSeconds(50)); // 09:00:55, same minute
        Assert.Equal("cost-guard", (await h.ScoreAsync("Nice.")).Single().Fallback);
        Assert.Equal(2, _server.Calls());

        clock.Advance(TimeSpan.FromSeconds(10)); // 09:01:05, a new minute
        Assert.Equal("azure-language", (await h.ScoreAsync("Nice.")).Single().Score.Scorer);
        Assert.Equal(3, _server.Calls());
    }
}

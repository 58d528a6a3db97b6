using System.Diagnostics;
using CxServerless.Domain.Sentiment;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CxServerless.Functions.Tests.Sentiment;

/// <summary>
/// The real scorer chain (typed Language client with the app's resilience pipeline, then the local scorer) against a
/// WireMock.Net fake of Azure AI Language (<see cref="LanguageFake"/>). The request shape and limits expected here are
/// Language's documented ones (docs/sentiment.md), not read from the code under test.
/// </summary>
public sealed class LanguageContractTests : IDisposable
{
    private const string Key = "local-test-key";
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private SentimentHarness Harness(bool key = true, params (string Key, string? Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["CxLanguageEndpoint"] = _server.Url + "/",
            ["CxLanguageKey"] = key ? Key : null,
            ["Sentiment:RetryDelay"] = "00:00:00.050",
            ["Sentiment:AttemptTimeout"] = "00:00:05",
            ["Sentiment:SamplingDuration"] = "00:00:30",
        };
        foreach (var (name, value) in settings)
        {
            values[name] = value;
        }

        return new SentimentHarness(values);
    }

    [Fact]
    public async Task Documents_go_in_batches_of_at_most_ten_with_opinion_mining_and_come_back_in_order()
    {
        _server.Given(LanguageFake.Analyze()).RespondWith(LanguageFake.Answers());
        using var h = Harness();
        var texts = Enumerable.Range(0, 23).Select(i => i % 3 == 0 ? $"Call {i} was bad." : $"Call {i} was fine.").ToArray();

        var scored = await h.ScoreAsync(texts);

        Assert.Equal(3, _server.Calls());
        Assert.Equal([10, 10, 3], Enumerable.Range(0, 3).Select(i => _server.Body(i)["analysisInput"]!["documents"]!.AsArray().Count));
        var entry = _server.LogEntries[0].RequestMessage;
        Assert.Equal(Key, entry.Headers!["Ocp-Apim-Subscription-Key"].Single());
        Assert.False(entry.Headers.ContainsKey("Authorization"));
        var body = _server.Body(0);
        Assert.Equal("SentimentAnalysis", body["kind"]!.GetValue<string>());
        Assert.True(body["parameters"]!["opinionMining"]!.GetValue<bool>());
        Assert.Equal("latest", body["parameters"]!["modelVersion"]!.GetValue<string>());
        var sent = body["analysisInput"]!["documents"]!.AsArray();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            sent.Select(d => d!["id"]!.GetValue<string>()));
        Assert.All(sent, d => Assert.Equal("en", d!["language"]!.GetValue<string>()));

        Assert.Equal(texts.Length, scored.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal($"doc-{i}", scored[i].Id);
            Assert.Equal(
                ("azure-language", LanguageFake.ModelVersion, (string?)null),
                (scored[i].Score.Scorer, scored[i].Score.ModelVersion, scored[i].Fallback));
            Assert.Equal(i % 3 == 0 ? SentimentLabel.Negative : SentimentLabel.Positive, scored[i].Score.Label);
        }

        Assert.Equal(0.88, scored[1].Score.Score, 3); // positive minus negative confidence
    }

    [Fact]
    public async Task Only_masked_text_and_positional_ids_reach_Language()
    {
        _server.Given(LanguageFake.Analyze()).RespondWith(LanguageFake.Answers());
        using var h = Harness();
        var documents = new[]
        {
            new SentimentDocumentInput(
                "jane.doe@example.com", "Write to jane.doe@example.com or call +44 20 7946 0958, the agent was great."),
            new SentimentDocumentInput("order-2", "My card 4111 1111 1111 1111 was charged twice, bad service."),
        };

        var scored = await h.Chain.ScoreAsync(
            documents.Select(d => new CxServerless.Functions.Sentiment.SentimentDocument(d.Id, d.Text, "en")).ToList(),
            CancellationToken.None);

        var wire = string.Join('\n', _server.LogEntries.Select(e => e.RequestMessage.Body));
        foreach (var secret in new[] { "jane.doe", "example.com", "7946", "4111 1111", "4111111111111111", "order-2" })
        {
            Assert.DoesNotContain(secret, wire, StringComparison.Ordinal);
        }

        Assert.Contains("[email]", wire, StringComparison.Ordinal);
        Assert.Contains("[phone]", wire, StringComparison.Ordinal);
        Assert.Contains("[card]", wire, StringComparison.Ordinal);
        Assert.Equal(["jane.doe@example.com", "order-2"], scored.Select(s => s.Id)); // the caller still gets its ids back
        Assert.Equal([SentimentLabel.Positive, SentimentLabel.Negative], scored.Select(s => s.Score.Label));
    }

    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_delay_and_then_Language_answers()
    {
        _server.Given(LanguageFake.Analyze()).InScenario("throttle").WillSetStateTo("throttled")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "2")
                .WithBodyAsJson(new { error = new { code = "429", message = "Rate limit is exceeded." } }));
        _server.Given(LanguageFake.Analyze()).InScenario("throttle").WhenStateIs("throttled").RespondWith(LanguageFake.Answers());
        using var h = Harness();

        var clock = Stopwatch.StartNew();
        var scored = await h.ScoreAsync("The agent was lovely.");
        clock.Stop();

        Assert.Equal(2, _server.Calls());
        var gap = _server.LogEntries[1].RequestMessage.DateTime - _server.LogEntries[0].RequestMessage.DateTime;
        Assert.True(
            gap >= TimeSpan.FromSeconds(1.9), $"the retry came {gap.TotalSeconds:0.00} s after the 429 (Retry-After: 2; RetryDelay 50 ms)");
        Assert.Equal(("azure-language", (string?)null), (scored.Single().Score.Scorer, scored.Single().Fallback));
    }

    [Fact]
    public async Task Server_errors_open_the_breaker_the_local_scorer_answers_and_the_breaker_closes_after_its_break()
    {
        _server.Given(LanguageFake.Analyze()).RespondWith(Response.Create().WithStatusCode(503));
        using var h = Harness(true,
            ("Sentiment:MaxRetryAttempts", "2"), ("Sentiment:MinimumThroughput", "2"), ("Sentiment:FailureRatio", "0.5"),
            ("Sentiment:AttemptTimeout", "00:00:01"), ("Sentiment:SamplingDuration", "00:00:10"), ("Sentiment:BreakDuration", "00:00:01"));

        var first = (await h.ScoreAsync("The agent was wonderful.", "The wait was terrible.")).ToList();

        // Two failed attempts open the breaker (2 of 2 failed); the retry then meets the open breaker.
        Assert.Equal(2, _server.Calls());
        Assert.All(first, d => Assert.Equal(LexiconSentimentScorer.Name, d.Score.Scorer));
        Assert.All(first, d => Assert.Contains(d.Fallback, new[] { "breaker-open", "language-failed" }));
        Assert.Equal([SentimentLabel.Positive, SentimentLabel.Negative], first.Select(d => d.Score.Label));

        var whileOpen = (await h.ScoreAsync("Thanks, all sorted.")).Single();
        Assert.Equal(2, _server.Calls()); // no request while the breaker is open
        Assert.Equal((LexiconSentimentScorer.Name, "breaker-open"), (whileOpen.Score.Scorer, whileOpen.Fallback));
        Assert.Equal(SentimentLabel.Positive, whileOpen.Score.Label);

        _server.ResetMappings();
        _server.Given(LanguageFake.Analyze()).RespondWith(LanguageFake.Answers());
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var afterBreak = (await h.ScoreAsync("Thanks, all sorted.")).Single();
        Assert.Equal(("azure-language", (string?)null), (afterBreak.Score.Scorer, afterBreak.Fallback));
        Assert.Equal(3, _server.Calls());
    }

    [Fact]
    public async Task A_document_Language_refuses_is_scored_locally_and_the_others_keep_Language()
    {
        _server.Given(LanguageFake.Analyze()).RespondWith(LanguageFake.Answers("1"));
        using var h = Harness();

        var scored = await h.ScoreAsync("Great help.", "Terrible help.", "Fine help.");

        Assert.Equal(["azure-language", LexiconSentimentScorer.Name, "azure-language"], scored.Select(s => s.Score.Scorer));
        Assert.Equal("document-error", scored[1].Fallback);
        Assert.Equal(SentimentLabel.Negative, scored[1].Score.Label);
    }

    [Fact]
    public async Task Without_an_endpoint_the_local_scorer_answers_and_nothing_is_sent()
    {
        _server.Given(LanguageFake.Analyze()).RespondWith(LanguageFake.Answers());
        using var h = new SentimentHarness(new Dictionary<string, string?> { ["CxLanguageEndpoint"] = "" });

        var scored = (await h.ScoreAsync("The agent was rude.")).Single();

        Assert.Equal(0, _server.Calls());
        Assert.Equal(
            (LexiconSentimentScorer.Name, "not-configured", SentimentLabel.Negative),
            (scored.Score.Scorer, scored.Fallback, scored.Score.Label));
        Assert.Equal(SentimentLexicon.Default.Version, scored.Score.ModelVersion);
    }

    [Fact]
    public async Task Without_a_key_the_app_identity_token_goes_as_a_bearer_for_the_cognitive_services_scope()
    {
        _server.Given(LanguageFake.Analyze()).RespondWith(LanguageFake.Answers());
        using var h = Harness(key: false);

        await h.ScoreAsync("Great help.");

        var headers = _server.LogEntries.Single().RequestMessage.Headers!;
        Assert.Equal($"Bearer {SentimentHarness.Token}", headers["Authorization"].Single());
        Assert.False(headers.ContainsKey("Ocp-Apim-Subscription-Key"));
    }

    [Fact]
    public async Task A_text_over_the_limit_once_masked_goes_in_parts_within_the_limit_and_comes_back_as_one()
    {
        _server.Given(LanguageFake.Analyze()).RespondWith(LanguageFake.Answers());
        using var h = Harness();
        // 5,040 characters as sent by the caller (within 5,120); each "a@b.io " becomes "[email] ", one longer.
        var text = string.Concat(Enumerable.Repeat("a@b.io ", 720));
        Assert.True(SentimentLimits.CharacterCount(text) <= SentimentLimits.MaxCharacters);

        var scored = (await h.ScoreAsync(text)).Single();

        var sent = _server.Body(0)["analysisInput"]!["documents"]!.AsArray().Select(d => d!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, t => Assert.True(SentimentLimits.CharacterCount(t) <= SentimentLimits.MaxCharacters));
        Assert.Equal(PiiMasker(text), string.Concat(sent));
        Assert.Equal(("azure-language", SentimentLabel.Positive), (scored.Score.Scorer, scored.Score.Label));
    }

    private static string PiiMasker(string text) => CxServerless.Domain.Ingestion.Privacy.PiiMasker.Mask(text);

    private sealed record SentimentDocumentInput(string Id, string Text);
}

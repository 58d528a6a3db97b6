using Azure.Core;
using CxServerless.Functions.Extensions;
using CxServerless.Functions.Sentiment;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CxServerless.Functions.Tests.Sentiment;

/// <summary>The handler's real scorer chain, wired as the handler wires it (typed client, resilience), with the given settings.</summary>
internal sealed class SentimentHarness : IDisposable
{
    public const string Token = "test-entra-token";

    private readonly ServiceProvider _services;

    public SentimentHarness(IReadOnlyDictionary<string, string?> settings, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton<TokenCredential>(new FixedToken(Token));
        services.AddSentiment(configuration);
        _services = services.BuildServiceProvider();
    }

    public SentimentChain Chain => _services.GetRequiredService<SentimentChain>();

    public void Dispose() => _services.Dispose();

    public Task<IReadOnlyList<ScoredDocument>> ScoreAsync(params string[] texts) =>
        Chain.ScoreAsync(texts.Select((t, i) => new SentimentDocument($"doc-{i}", t, null)).ToList(), CancellationToken.None);

    private sealed class FixedToken(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(
                requestContext.Scopes.SequenceEqual(["https://cognitiveservices.azure.com/.default"]) ? token : "wrong-scope",
                DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}

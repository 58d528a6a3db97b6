using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Sentiment.Drift;

/// <summary>Stops start-up when a drift check setting is wrong, naming the setting.</summary>
internal sealed class SentimentDriftOptionsValidator : IValidateOptions<SentimentDriftOptions>
{
    public ValidateOptionsResult Validate(string? name, SentimentDriftOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

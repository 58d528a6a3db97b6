using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Sentiment;

/// <summary>Stops start-up when a sentiment setting is wrong, naming the setting.</summary>
internal sealed class SentimentOptionsValidator : IValidateOptions<SentimentOptions>
{
    public ValidateOptionsResult Validate(string? name, SentimentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

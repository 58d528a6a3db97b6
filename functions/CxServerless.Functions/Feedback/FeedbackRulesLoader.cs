using CxServerless.Domain.Feedback;
using CxServerless.Functions.Configuration;

namespace CxServerless.Functions.Feedback;

/// <summary>Loads and validates the feedback rules file when the handler starts; an invalid file stops it listing every problem.</summary>
public static class FeedbackRulesLoader
{
    /// <summary>The rules file named by <c>CxFeedbackRulesFile</c> (relative to the app root), else the shipped default.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="options">The feedback settings.</param>
    /// <returns>The rules.</returns>
    public static FeedbackRules Load(IConfiguration configuration, FeedbackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return RulesFileLoader.Load(
            configuration,
            HandlerSettings.FeedbackRulesFile,
            options.RulesFile,
            new FeedbackOptions().RulesFile,
            DefaultFeedbackRules.Json,
            FeedbackRulesParser.ParseOrThrow,
            (string message, FeedbackRulesException ex) => new FeedbackRulesException(message, ex));
    }
}

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
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var root = configuration[HandlerSettings.ScriptRoot] ?? AppContext.BaseDirectory;
        var path = Path.GetFullPath(Path.Combine(root, options.RulesFile));
        var named = configuration[HandlerSettings.FeedbackRulesFile];
        if (!File.Exists(path))
        {
            // As with the alert rules and the roster: a file named explicitly must exist; the default always ships embedded.
            return string.IsNullOrWhiteSpace(named) || string.Equals(named, new FeedbackOptions().RulesFile, StringComparison.Ordinal)
                ? FeedbackRulesParser.ParseOrThrow(DefaultFeedbackRules.Json)
                : throw new FileNotFoundException($"Setting 'CxFeedbackRulesFile' names a file that does not exist: {path}.", path);
        }

        try
        {
            return FeedbackRulesParser.ParseOrThrow(File.ReadAllText(path));
        }
        catch (FeedbackRulesException ex)
        {
            throw new FeedbackRulesException($"{path}: {ex.Message}", ex);
        }
    }
}

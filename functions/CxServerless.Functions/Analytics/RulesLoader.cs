using CxServerless.Domain.Analytics.Rules;
using CxServerless.Functions.Configuration;

namespace CxServerless.Functions.Analytics;

/// <summary>
/// Loads the alert rules at start-up: the file named by <c>CxRulesFile</c> (relative to the function app root), by
/// default <c>rules/cx-rules.v1.json</c>, or the copy built into the handler when the app has no rules folder (a file
/// named explicitly, other than the default, must exist). An invalid
/// file stops the handler with every error listed; the rules version is recorded on every alert.
/// </summary>
public static class RulesLoader
{
    /// <summary>The rules file used when <c>CxRulesFile</c> is not set.</summary>
    public const string DefaultPath = "rules/cx-rules.v1.json";

    /// <summary>Loads and validates the rules.</summary>
    /// <exception cref="RulesValidationException">The file is invalid.</exception>
    /// <exception cref="FileNotFoundException">A file named explicitly does not exist.</exception>
    public static RuleSet Load(IConfiguration configuration) => LoadDeployed(configuration).Rules;

    /// <summary>Loads and validates the rules, keeping the file's text (it seeds the stored rules versions).</summary>
    /// <exception cref="RulesValidationException">The file is invalid.</exception>
    /// <exception cref="FileNotFoundException">A file named explicitly does not exist.</exception>
    public static DeployedRules LoadDeployed(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[HandlerSettings.RulesFile];
        var root = configuration[HandlerSettings.ScriptRoot] ?? AppContext.BaseDirectory;
        var path = Path.GetFullPath(Path.Combine(root, string.IsNullOrWhiteSpace(configured) ? DefaultPath : configured));
        if (File.Exists(path))
        {
            try
            {
                var text = File.ReadAllText(path);
                return new DeployedRules(text, RuleSetParser.ParseOrThrow(text));
            }
            catch (RulesValidationException ex)
            {
                throw new RulesValidationException($"{path}: {ex.Message}", ex);
            }
        }

        if (!string.IsNullOrWhiteSpace(configured) && !string.Equals(configured.Replace('\\', '/'), DefaultPath, StringComparison.Ordinal))
        {
            throw new FileNotFoundException($"Setting '{HandlerSettings.RulesFile}' names a rules file that does not exist: {path}.", path);
        }

        return new DeployedRules(DefaultRules.Json, DefaultRules.Load());
    }
}

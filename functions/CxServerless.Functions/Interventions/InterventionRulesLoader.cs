using CxServerless.Domain.Interventions;
using CxServerless.Functions.Configuration;

namespace CxServerless.Functions.Interventions;

/// <summary>Loads and validates the intervention rules when the handler starts; an invalid file stops it listing every problem.</summary>
public static class InterventionRulesLoader
{
    /// <summary>The rules file named by <c>CxInterventionRulesFile</c> (relative to the app root), else the shipped default.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="options">The intervention settings.</param>
    /// <returns>The rules.</returns>
    public static InterventionRules Load(IConfiguration configuration, InterventionOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var root = configuration[HandlerSettings.ScriptRoot] ?? AppContext.BaseDirectory;
        var path = Path.GetFullPath(Path.Combine(root, options.RulesFile));
        var named = configuration[HandlerSettings.InterventionRulesFile];
        if (!File.Exists(path))
        {
            // As with the feedback rules: a file named explicitly must exist; the default always ships embedded.
            return string.IsNullOrWhiteSpace(named) || string.Equals(named, new InterventionOptions().RulesFile, StringComparison.Ordinal)
                ? InterventionRulesParser.ParseOrThrow(DefaultInterventionRules.Json)
                : throw new FileNotFoundException($"Setting 'CxInterventionRulesFile' names a file that does not exist: {path}.", path);
        }

        try
        {
            return InterventionRulesParser.ParseOrThrow(File.ReadAllText(path));
        }
        catch (InterventionRulesException ex)
        {
            throw new InterventionRulesException($"{path}: {ex.Message}", ex);
        }
    }
}

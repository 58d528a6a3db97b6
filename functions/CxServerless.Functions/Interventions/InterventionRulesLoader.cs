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
        ArgumentNullException.ThrowIfNull(options);
        return RulesFileLoader.Load(
            configuration,
            HandlerSettings.InterventionRulesFile,
            options.RulesFile,
            new InterventionOptions().RulesFile,
            DefaultInterventionRules.Json,
            InterventionRulesParser.ParseOrThrow,
            (string message, InterventionRulesException ex) => new InterventionRulesException(message, ex));
    }
}

using System.ComponentModel.DataAnnotations;

namespace CxServerless.Functions.Interventions;

/// <summary>
/// Where proactive interventions keep their table, outbound queue and rules (settings <c>CxInterventionsTable</c>,
/// <c>CxInterventionsOutboundQueue</c>, <c>CxInterventionRulesFile</c>; docs/interventions.md).
/// </summary>
public sealed class InterventionOptions
{
    /// <summary>The Interventions table: the listed interventions, the live state the rules read, the cap counters.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Setting 'CxInterventionsTable' must be a valid table name.")]
    public string Table { get; set; } = "Interventions";

    /// <summary>The queue of outbound intervention events a contact platform consumes (callback offers, priority flags, alerts).</summary>
    [RegularExpression(
        "^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Setting 'CxInterventionsOutboundQueue' must be a valid queue name.")]
    public string OutboundQueue { get; set; } = "interventions-outbound";

    /// <summary>The intervention rules file shipped with the app, relative to the app root.</summary>
    public string RulesFile { get; set; } = "rules/cx-interventions.v1.json";
}

using CxServerless.Functions.Audit;
using CxServerless.Workflows.Approval;

namespace CxServerless.Functions.Rules;

/// <summary>The approval workflow's hands on the rules store: activates or expires a draft, and audits what it did.</summary>
public sealed class RulesDraftDecider(RulesVersionStore versions, AuditLog audit) : IRulesDraftDecider
{
    /// <summary>The actor name of the approval workflow in the audit trail.</summary>
    public const string AuditFunction = "RulesApproval";

    /// <inheritdoc />
    public async Task<string> ActivateAsync(string draftVersion, string by, CancellationToken cancellationToken)
    {
        var result = await versions.ActivateAsync(draftVersion, by, cancellationToken);
        var outcome = result.Outcome switch
        {
            RulesActivation.Activated => $"activated (was {result.Previous ?? "none"}), approved by {by}",
            RulesActivation.AlreadyActive => "already active",
            _ => $"{result.Outcome}: {result.Detail}",
        };
        await audit.WriteSystemAsync(AuditFunction, "rules approve", draftVersion, outcome, cancellationToken);
        return result.Outcome;
    }

    /// <inheritdoc />
    public async Task<string> ExpireAsync(string draftVersion, string by, CancellationToken cancellationToken)
    {
        var result = await versions.ExpireAsync(draftVersion, by, cancellationToken);
        await audit.WriteSystemAsync(AuditFunction, "rules expire", draftVersion, $"{result}, by {by}", cancellationToken);
        return result;
    }
}

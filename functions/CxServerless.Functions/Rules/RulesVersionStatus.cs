namespace CxServerless.Functions.Rules;

/// <summary>The states of a stored rules version.</summary>
public static class RulesVersionStatus
{
    /// <summary>In force: the alert evaluator uses it. Exactly one version is active.</summary>
    public const string Active = "active";

    /// <summary>Written by recalibration outside the guard rails; waits for an OpsAdmin's approval.</summary>
    public const string Draft = "draft";

    /// <summary>Was active once and was replaced; can be activated again (a rollback).</summary>
    public const string Retired = "retired";

    /// <summary>A draft that was rejected or not approved in time; it can no longer be activated.</summary>
    public const string Expired = "expired";
}

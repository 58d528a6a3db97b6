namespace CxServerless.Functions.Rules;

/// <summary>What an activation did.</summary>
/// <param name="Outcome">
/// <c>activated</c>, <c>alreadyActive</c>, <c>notFound</c>, <c>expired</c> (an expired draft cannot be activated) or
/// <c>incompatible</c> (it watches other KPIs, slices or windows than the deployed file).
/// </param>
/// <param name="Detail">Why it was refused, as a sentence.</param>
/// <param name="Record">The version after the call, when it exists.</param>
/// <param name="Previous">The version that was active before, when this call changed it.</param>
public sealed record RulesActivation(string Outcome, string? Detail, RulesVersionRecord? Record, string? Previous)
{
    /// <summary>Activated by this call.</summary>
    public const string Activated = "activated";

    /// <summary>It was already the active version.</summary>
    public const string AlreadyActive = "alreadyActive";

    /// <summary>No such version.</summary>
    public const string NotFound = "notFound";

    /// <summary>An expired draft.</summary>
    public const string Expired = "expired";

    /// <summary>Of another shape than the deployed file.</summary>
    public const string Incompatible = "incompatible";
}

namespace CxServerless.Domain.Interventions;

/// <summary>What became of an intervention a rule triggered.</summary>
public static class InterventionOutcomes
{
    /// <summary>Sent: the outbound event and the notification went out.</summary>
    public const string Sent = "sent";

    /// <summary>Not sent: the customer already had as many of this kind in the period as the cap allows.</summary>
    public const string SuppressedCustomerCap = "suppressedCustomerCap";

    /// <summary>Not sent: the team already had as many of this kind in the period as the cap allows.</summary>
    public const string SuppressedTeamCap = "suppressedTeamCap";

    /// <summary>Every outcome.</summary>
    public static IReadOnlyList<string> All { get; } = [Sent, SuppressedCustomerCap, SuppressedTeamCap];
}

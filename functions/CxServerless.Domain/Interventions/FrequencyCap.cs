namespace CxServerless.Domain.Interventions;

/// <summary>
/// How many interventions of one kind may be sent per customer and per team within one period. Periods are fixed
/// (tumbling) UTC intervals of <see cref="Period"/>, counted from midnight UTC of 1 January 0001, so every instance
/// agrees on which period a moment falls in without coordination.
/// </summary>
/// <param name="PerCustomer">The most per customer pseudonym in one period.</param>
/// <param name="PerTeam">The most per team in one period.</param>
/// <param name="Period">The period's length.</param>
public sealed record FrequencyCap(int PerCustomer, int PerTeam, TimeSpan Period)
{
    /// <summary>The start of the period <paramref name="at"/> falls in.</summary>
    /// <param name="at">A moment.</param>
    /// <returns>The period's start (UTC).</returns>
    public DateTimeOffset PeriodStart(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % Period.Ticks), TimeSpan.Zero);
    }

    /// <summary>The decision for one more intervention, given what the customer and the team already had in the period.</summary>
    /// <param name="customerSent">Sent to the customer in the period (0 when the customer is unknown).</param>
    /// <param name="teamSent">Sent for the team in the period.</param>
    /// <returns>An <see cref="InterventionOutcomes"/> value.</returns>
    public string Decide(int customerSent, int teamSent) =>
        customerSent >= PerCustomer ? InterventionOutcomes.SuppressedCustomerCap
        : teamSent >= PerTeam ? InterventionOutcomes.SuppressedTeamCap
        : InterventionOutcomes.Sent;
}

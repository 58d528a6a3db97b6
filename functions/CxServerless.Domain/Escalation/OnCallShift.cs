namespace CxServerless.Domain.Escalation;

/// <summary>One entry of the on-call rota: a person who takes a level's tasks out of hours.</summary>
/// <param name="PersonId">Who is on call.</param>
/// <param name="Role">The role they stand in for (an on-call Supervisor covers the Supervisor level).</param>
/// <param name="Shift">When they are on call.</param>
public sealed record OnCallShift(string PersonId, string Role, ShiftPattern Shift);

namespace CxServerless.Domain.Escalation;

/// <summary>Someone who can be given a task: an employee of the contact centre, never a customer.</summary>
/// <param name="Id">The person's id, as their sign-in's user id (the <c>userId</c> of the client principal).</param>
/// <param name="DisplayName">How the inbox shows them.</param>
/// <param name="Team">The team they belong to.</param>
/// <param name="Role">Their role: Agent, TeamLead, Supervisor or OpsAdmin.</param>
/// <param name="Skills">What they are skilled in, matched against an alert's routing hint.</param>
/// <param name="Shift">When they work.</param>
/// <param name="Email">
/// Their work e-mail address for the <c>email</c> notification channel, or null. Personal data: it is only ever handed to
/// the e-mail channel, never stored elsewhere, logged or shown outside the roster API.
/// </param>
public sealed record Person(
    string Id, string DisplayName, string Team, string Role, IReadOnlySet<string> Skills, ShiftPattern Shift, string? Email = null);

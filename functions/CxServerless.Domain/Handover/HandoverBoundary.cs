namespace CxServerless.Domain.Handover;

/// <summary>A shift boundary of one team: the moment its incoming shift takes over, and what the handover covers.</summary>
/// <param name="Team">The team.</param>
/// <param name="At">When the incoming shift starts (UTC).</param>
/// <param name="OutgoingFrom">When the outgoing shift started: the team's boundary before <paramref name="At"/>.</param>
/// <param name="IncomingLeads">The ids of the team's team leads on shift at <paramref name="At"/>, who receive the handover.</param>
public sealed record HandoverBoundary(string Team, DateTimeOffset At, DateTimeOffset OutgoingFrom, IReadOnlyList<string> IncomingLeads);

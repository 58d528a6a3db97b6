namespace CxSim.Generation;

/// <summary>A queue contacts are routed to, the team that owns it, and its share of the traffic.</summary>
/// <param name="Name">The queue name (for example <c>billing</c>).</param>
/// <param name="Team">The owning team (for example <c>team-billing</c>).</param>
/// <param name="Weight">Relative share of contacts.</param>
public sealed record QueueDefinition(string Name, string Team, double Weight = 1.0);

namespace CxServerless.Workflows.Tests.Support.Workflows;

/// <summary>The input of <see cref="Escalation"/>.</summary>
/// <param name="Levels">How many levels are notified, one after another.</param>
/// <param name="FirstLevelTimeoutSeconds">How long level 1 waits for an acknowledgement.</param>
/// <param name="LaterLevelTimeoutSeconds">How long each later level waits.</param>
public sealed record EscalationInput(int Levels, int FirstLevelTimeoutSeconds, int LaterLevelTimeoutSeconds);

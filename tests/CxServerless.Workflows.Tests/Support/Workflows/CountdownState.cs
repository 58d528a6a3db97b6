namespace CxServerless.Workflows.Tests.Support.Workflows;

/// <summary>The input of each generation of <see cref="Countdown"/>.</summary>
/// <param name="Remaining">How many generations are still to come.</param>
/// <param name="Total">The running total, one more per generation.</param>
public sealed record CountdownState(int Remaining, int Total);

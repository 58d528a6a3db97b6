namespace CxServerless.Workflows.Tests.Support.Workflows;

/// <summary>The output of <see cref="RetryingCall"/>.</summary>
/// <param name="Value">"succeeded" or "fallback".</param>
/// <param name="Attempt">The attempt that succeeded; 0 for the fallback.</param>
/// <param name="ErrorType">The failure's error type, for the fallback.</param>
/// <param name="ErrorMessage">The failure's message, for the fallback.</param>
public sealed record RetryOutcome(string Value, int Attempt, string? ErrorType, string? ErrorMessage);

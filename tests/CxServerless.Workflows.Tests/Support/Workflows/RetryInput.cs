namespace CxServerless.Workflows.Tests.Support.Workflows;

/// <summary>The input of <see cref="RetryingCall"/>.</summary>
/// <param name="Failures">How many attempts of <see cref="Flaky"/> fail.</param>
/// <param name="MaxAttempts">The retry policy's maximum number of attempts.</param>
public sealed record RetryInput(int Failures, int MaxAttempts);

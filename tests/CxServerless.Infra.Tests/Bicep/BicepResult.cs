using System.Text.RegularExpressions;

namespace CxServerless.Infra.Tests.Bicep;

/// <summary>The outcome of one bicep CLI run.</summary>
internal sealed partial record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Every diagnostic line (Error, Warning or Info), e.g. <c>file(3,7) : Warning no-unused-params: ...</c>.</summary>
    public IReadOnlyList<string> Diagnostics =>
        [.. (StandardOutput + "\n" + StandardError).Split('\n')
            .Select(line => line.Trim())
            .Where(line => DiagnosticLine().IsMatch(line))];

    /// <summary>Diagnostics at warning or error level.</summary>
    public IReadOnlyList<string> Findings => [.. Diagnostics.Where(line => !line.Contains(" : Info ", StringComparison.Ordinal))];

    /// <summary>Everything bicep printed, for failure messages.</summary>
    public string Transcript => $"exit {ExitCode}\n{StandardError}\n{StandardOutput}";

    [GeneratedRegex(@"\(\d+,\d+\) : (Error|Warning|Info) ")]
    private static partial Regex DiagnosticLine();
}

using CxServerless.Domain.Analytics.Rules;

namespace CxServerless.Domain.Escalation;

/// <summary>The outcome of parsing a routing file: the roster, or every problem found.</summary>
/// <param name="Roster">The roster, when the file is valid.</param>
/// <param name="Errors">Every problem, with its JSON path; empty when valid.</param>
public sealed record RosterParseResult(Roster? Roster, IReadOnlyList<RuleError> Errors);

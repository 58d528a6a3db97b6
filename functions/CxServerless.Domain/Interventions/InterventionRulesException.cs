using CxServerless.Domain.Analytics.Rules;

namespace CxServerless.Domain.Interventions;

/// <summary>Thrown at start-up when the intervention rules file is invalid; the message lists every problem with its path.</summary>
public sealed class InterventionRulesException : Exception
{
    /// <summary>Creates the exception for <paramref name="errors"/>.</summary>
    /// <param name="errors">The problems found.</param>
    public InterventionRulesException(IReadOnlyList<RuleError> errors)
        : base("The intervention rules file is invalid:"
            + Environment.NewLine
            + string.Join(Environment.NewLine, (errors ?? []).Select(e => "  " + e)))
        => Errors = errors ?? [];

    /// <summary>Creates the exception with no problems listed.</summary>
    public InterventionRulesException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public InterventionRulesException(string message)
        : base(message) => Errors = [];

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InterventionRulesException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    /// <summary>Gets the problems found.</summary>
    public IReadOnlyList<RuleError> Errors { get; }
}

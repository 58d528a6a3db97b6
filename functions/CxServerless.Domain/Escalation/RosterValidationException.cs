using CxServerless.Domain.Analytics.Rules;

namespace CxServerless.Domain.Escalation;

/// <summary>Thrown at start-up when the routing file is invalid; the message lists every problem with its path.</summary>
public sealed class RosterValidationException : Exception
{
    /// <summary>Creates the exception for <paramref name="errors"/>.</summary>
    /// <param name="errors">The problems found.</param>
    public RosterValidationException(IReadOnlyList<RuleError> errors)
        : base("The routing file is invalid:"
            + Environment.NewLine
            + string.Join(Environment.NewLine, (errors ?? []).Select(e => "  " + e)))
        => Errors = errors ?? [];

    /// <summary>Creates the exception with no problems listed.</summary>
    public RosterValidationException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public RosterValidationException(string message)
        : base(message) => Errors = [];

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RosterValidationException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    /// <summary>Gets the problems found.</summary>
    public IReadOnlyList<RuleError> Errors { get; }
}

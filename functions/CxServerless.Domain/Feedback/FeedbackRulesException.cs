using CxServerless.Domain.Analytics.Rules;

namespace CxServerless.Domain.Feedback;

/// <summary>Thrown at start-up when the feedback rules file is invalid; the message lists every problem with its path.</summary>
public sealed class FeedbackRulesException : Exception
{
    /// <summary>Creates the exception for <paramref name="errors"/>.</summary>
    /// <param name="errors">The problems found.</param>
    public FeedbackRulesException(IReadOnlyList<RuleError> errors)
        : base("The feedback rules file is invalid:"
            + Environment.NewLine
            + string.Join(Environment.NewLine, (errors ?? []).Select(e => "  " + e)))
        => Errors = errors ?? [];

    /// <summary>Creates the exception with no problems listed.</summary>
    public FeedbackRulesException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public FeedbackRulesException(string message)
        : base(message) => Errors = [];

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public FeedbackRulesException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    /// <summary>Gets the problems found.</summary>
    public IReadOnlyList<RuleError> Errors { get; }
}

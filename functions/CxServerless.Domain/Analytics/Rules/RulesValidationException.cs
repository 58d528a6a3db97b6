namespace CxServerless.Domain.Analytics.Rules;

/// <summary>Thrown at start-up when the rules file is invalid; the message lists every problem with its path.</summary>
public sealed class RulesValidationException : Exception
{
    /// <summary>Creates the exception for <paramref name="errors"/>.</summary>
    public RulesValidationException(IReadOnlyList<RuleError> errors)
        : base("The rules file is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, (errors ?? []).Select(e => "  " + e)))
        => Errors = errors ?? [];

    /// <summary>Creates the exception with a message.</summary>
    public RulesValidationException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RulesValidationException(string message)
        : base(message) => Errors = [];

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public RulesValidationException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    /// <summary>The problems found.</summary>
    public IReadOnlyList<RuleError> Errors { get; }
}

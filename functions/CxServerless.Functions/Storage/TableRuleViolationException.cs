namespace CxServerless.Functions.Storage;

/// <summary>
/// Thrown before a request leaves the process when it breaks a rule Azure Table Storage enforces (Azurite is more
/// lenient). Our own code building such a request is a bug, so this is an exception, not a result.
/// </summary>
public sealed class TableRuleViolationException : InvalidOperationException
{
    /// <summary>Creates the exception with the rule that was broken.</summary>
    public TableRuleViolationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TableRuleViolationException()
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public TableRuleViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

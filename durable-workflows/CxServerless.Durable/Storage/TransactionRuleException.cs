namespace CxServerless.Durable.Storage;

/// <summary>An entity-group transaction breaks one of Azure's rules (checked before it is sent).</summary>
public sealed class TransactionRuleException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public TransactionRuleException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an empty exception (tooling only).</summary>
    public TransactionRuleException()
    {
    }

    /// <summary>Creates an exception with a cause (tooling only).</summary>
    public TransactionRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

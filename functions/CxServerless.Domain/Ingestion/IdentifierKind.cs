namespace CxServerless.Domain.Ingestion;

/// <summary>The kind of a customer identifier; e-mail and phone are shared across channels, account ids are per source.</summary>
public enum IdentifierKind
{
    /// <summary>An e-mail address.</summary>
    Email,

    /// <summary>A telephone number.</summary>
    Phone,

    /// <summary>An account or user id that only has meaning inside one source system.</summary>
    Account,
}

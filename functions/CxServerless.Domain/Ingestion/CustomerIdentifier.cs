namespace CxServerless.Domain.Ingestion;

/// <summary>One identifier of a customer as the source gave it.</summary>
/// <param name="Kind">What kind of identifier it is.</param>
/// <param name="Value">The clear value; it never leaves the pipeline.</param>
public sealed record CustomerIdentifier(IdentifierKind Kind, string Value);

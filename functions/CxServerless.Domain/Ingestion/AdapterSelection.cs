namespace CxServerless.Domain.Ingestion;

/// <summary>The adapter chosen for a payload, or the reason none was.</summary>
public readonly record struct AdapterSelection(ISourceAdapter? Adapter, Rejection? Rejection);

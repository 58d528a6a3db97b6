namespace CxServerless.Domain.Ingestion;

/// <summary>Why one event cannot be stored: a typed reason plus a short detail that never quotes payload values.</summary>
/// <param name="Reason">The quarantine reason.</param>
/// <param name="Detail">Which field or rule failed, for example <c>Agent.CustomerHoldDuration is negative</c>.</param>
public sealed record Rejection(QuarantineReason Reason, string Detail);

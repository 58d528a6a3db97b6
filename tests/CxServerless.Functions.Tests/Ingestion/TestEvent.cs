namespace CxServerless.Functions.Tests.Ingestion;

/// <summary>One event of a test batch.</summary>
internal sealed record TestEvent(string Body, long Sequence, DateTimeOffset Enqueued, IReadOnlyDictionary<string, string>? Properties = null);

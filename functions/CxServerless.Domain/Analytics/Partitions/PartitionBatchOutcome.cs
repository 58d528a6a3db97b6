using CxServerless.Domain.Events;

namespace CxServerless.Domain.Analytics.Partitions;

/// <summary>What <see cref="PartitionAnalytics.Accept"/> did with a batch.</summary>
/// <param name="InOrder">Events that moved the partition's event time forward.</param>
/// <param name="Late">Older events within the allowed lateness: counted, correcting provisional windows.</param>
/// <param name="TooLate">Events at or before the watermark: not counted; the caller stores, counts and lists them.</param>
/// <param name="Watermark">The partition's watermark after the batch.</param>
public sealed record PartitionBatchOutcome(int InOrder, int Late, IReadOnlyList<CxEvent> TooLate, DateTimeOffset Watermark);

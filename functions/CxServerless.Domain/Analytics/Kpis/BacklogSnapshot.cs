namespace CxServerless.Domain.Analytics.Kpis;

/// <summary>The backlog at a point in time.</summary>
/// <param name="At">The point in time (event time).</param>
/// <param name="Open">Open cases (opened or reopened, not resolved since).</param>
/// <param name="Aged">Open cases opened longer ago than the aged-backlog age.</param>
/// <param name="OldestOpenedAt">When the oldest open case was opened, or null when none is open.</param>
public sealed record BacklogSnapshot(DateTimeOffset At, int Open, int Aged, DateTimeOffset? OldestOpenedAt);

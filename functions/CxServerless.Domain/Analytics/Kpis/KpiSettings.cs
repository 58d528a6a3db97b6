namespace CxServerless.Domain.Analytics.Kpis;

/// <summary>The settings KPI definitions depend on. The defaults are the rules file's defaults (docs/kpis.md).</summary>
public sealed record KpiSettings
{
    /// <summary>Answered within this wait counts towards the service level (the Y of "X% in Y seconds").</summary>
    public TimeSpan ServiceLevelThreshold { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Abandons with a shorter wait are short abandons, excluded from the abandonment rate.</summary>
    public TimeSpan ShortAbandonThreshold { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A resolved customer who contacts again within this window was not resolved on first contact.</summary>
    public TimeSpan FirstContactResolutionWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Open cases older than this count in the aged backlog.</summary>
    public TimeSpan AgedBacklogAge { get; init; } = TimeSpan.FromDays(2);

    /// <summary>The defaults.</summary>
    public static KpiSettings Default { get; } = new();
}

namespace CxServerless.Domain.Analytics.Alerts;

/// <summary>The saved state of an <see cref="AlertStateMachine"/>, so it survives a restart.</summary>
/// <param name="RecentBreaches">Whether each of the latest windows breached, oldest first (at most n).</param>
/// <param name="Open">The open alert, if any.</param>
/// <param name="ClearStreak">Consecutive clear windows while open.</param>
/// <param name="CooldownUntil">No alert opens for windows ending before this.</param>
/// <param name="LastWindowEnd">The end of the latest window evaluated; older or equal ends are ignored.</param>
public sealed record AlertMachineState(
    IReadOnlyList<bool> RecentBreaches,
    Alert? Open,
    int ClearStreak,
    DateTimeOffset CooldownUntil,
    DateTimeOffset? LastWindowEnd)
{
    /// <summary>The state of a machine that has seen nothing.</summary>
    public static AlertMachineState Initial { get; } = new([], null, 0, DateTimeOffset.MinValue, null);
}

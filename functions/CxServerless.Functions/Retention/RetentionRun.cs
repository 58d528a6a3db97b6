namespace CxServerless.Functions.Retention;

/// <summary>What one run of a retention job did to one data class.</summary>
/// <param name="Class">The class name (<see cref="RetentionClass.Name"/>).</param>
/// <param name="Days">The limit in force.</param>
/// <param name="Cutoff">Rows older than this were due.</param>
/// <param name="Status"><c>swept</c>, <c>noTable</c> (nothing stored yet), <c>notStored</c> (the class has no table yet)
/// or <c>failed: {error type}</c>.</param>
/// <param name="Deleted">Rows (or workflow instances) deleted.</param>
/// <param name="Held">Due rows kept because a legal hold covers them.</param>
public sealed record RetentionClassCount(string Class, int Days, DateTimeOffset Cutoff, string Status, long Deleted, long Held);

/// <summary>One run of <c>RetentionSweep</c> or <c>PurgeWorkflowHistory</c>.</summary>
/// <param name="Job">The function that ran: <c>RetentionSweep</c> or <c>PurgeWorkflowHistory</c>.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="Classes">The counts per class.</param>
public sealed record RetentionRun(
    string Job, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, IReadOnlyList<RetentionClassCount> Classes)
{
    /// <summary>Gets the rows deleted over every class.</summary>
    public long Deleted => Classes.Sum(c => c.Deleted);

    /// <summary>Gets the due rows kept under a hold over every class.</summary>
    public long Held => Classes.Sum(c => c.Held);

    /// <summary>Gets whether a class failed.</summary>
    public bool Failed => Classes.Any(c => c.Status.StartsWith(RetentionStatuses.Failed, StringComparison.Ordinal));

    /// <summary>The run in one line for the audit trail: the total, then each class that deleted or held something.</summary>
    public string Summary()
    {
        var parts = Classes
            .Where(c => c.Deleted > 0 || c.Held > 0 || c.Status.StartsWith(RetentionStatuses.Failed, StringComparison.Ordinal))
            .Select(c => c.Held > 0 ? $"{c.Class} {c.Deleted} (held {c.Held})" : $"{c.Class} {c.Deleted} {Note(c)}".TrimEnd());
        var text = $"deleted {Deleted}, held {Held}";
        return parts.Any() ? $"{text}: {string.Join(", ", parts)}" : text;
    }

    private static string Note(RetentionClassCount c) => c.Status == RetentionStatuses.Swept ? string.Empty : $"[{c.Status}]";
}

/// <summary>The statuses of a class in a run.</summary>
public static class RetentionStatuses
{
    /// <summary>The class was swept (perhaps deleting nothing).</summary>
    public const string Swept = "swept";

    /// <summary>The class's table does not exist yet: nothing was ever stored.</summary>
    public const string NoTable = "noTable";

    /// <summary>The class has no table in this version; its limit applies once the table exists.</summary>
    public const string NotStored = "notStored";

    /// <summary>The sweep of the class failed (followed by <c>: {error type}</c>); the next run tries again.</summary>
    public const string Failed = "failed";
}

namespace CxServerless.Workflows.Approval;

/// <summary>What starts an approval: a draft rules version outside the guard rails. Holds no personal data.</summary>
/// <param name="DraftVersion">The draft's version; the instance id and the task id derive from it.</param>
/// <param name="BaseVersion">The active version the draft was made from.</param>
/// <param name="Summary">What the draft changes and why it needs a person (the task's title).</param>
/// <param name="Timeout">How long the draft waits for a decision before it expires.</param>
public sealed record RulesApprovalRequest(string DraftVersion, string BaseVersion, string Summary, TimeSpan Timeout)
{
    /// <summary>The team the approval task belongs to: operations administrators.</summary>
    public const string Team = "ops-admins";

    /// <summary>The task source that marks an approval task (alert tasks are <c>detected</c> or <c>manual</c>).</summary>
    public const string Source = "approval";

    /// <summary>The orchestration instance id of a draft's approval.</summary>
    /// <param name="draftVersion">The draft's version.</param>
    /// <returns>The instance id.</returns>
    public static string InstanceIdFor(string draftVersion) => "rules-approval-" + draftVersion;

    /// <summary>The task id of a draft's approval.</summary>
    /// <param name="draftVersion">The draft's version.</param>
    /// <returns>The task id.</returns>
    public static string TaskIdFor(string draftVersion) => "task-rules-" + draftVersion;

    /// <summary>The subject id the approval task carries where an alert task carries its alert id.</summary>
    /// <param name="draftVersion">The draft's version.</param>
    /// <returns>The subject id.</returns>
    public static string SubjectIdFor(string draftVersion) => "rules-" + draftVersion;
}

/// <summary>A decision on a draft, carried out by <see cref="DecideRulesDraft"/>.</summary>
/// <param name="DraftVersion">The draft.</param>
/// <param name="TaskId">Its approval task.</param>
/// <param name="Decision"><c>approved</c>, <c>rejected</c> or <c>expired</c>.</param>
/// <param name="By">Who decided (a person's id, or <c>system</c> on timeout).</param>
/// <param name="Note">The resolution text or reason.</param>
public sealed record RulesDecision(string DraftVersion, string TaskId, string Decision, string By, string? Note);

/// <summary>How an approval ended.</summary>
/// <param name="DraftVersion">The draft.</param>
/// <param name="Decision"><c>approved</c>, <c>rejected</c> or <c>expired</c>.</param>
/// <param name="By">Who decided.</param>
/// <param name="Result">What the rules store did: <c>activated</c>, <c>expired</c>, or why it did neither.</param>
public sealed record RulesApprovalOutcome(string DraftVersion, string Decision, string By, string Result);

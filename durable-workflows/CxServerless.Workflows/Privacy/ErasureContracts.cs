namespace CxServerless.Workflows.Privacy;

/// <summary>The input of <see cref="ErasureOrchestrator"/>: only the request id, so no pseudonym enters the history.</summary>
/// <param name="RequestId">The erasure request, whose row holds the subject while the request runs.</param>
public sealed record ErasureInput(string RequestId);

/// <summary>What <see cref="BeginErasure"/> found out about the subject before anything is deleted.</summary>
/// <param name="Found">False when the request row is missing or already finished: there is nothing to do.</param>
/// <param name="Held">True when a legal hold covers the customer: nothing may be erased.</param>
public sealed record ErasureStart(bool Found, bool Held);

/// <summary>One line of an erasure receipt: what happened to one data class.</summary>
/// <param name="DataClass">The data class (<c>events</c>, <c>customerIndex</c>, <c>quarantine</c>...).</param>
/// <param name="Action">What was done: <c>deleted</c>, <c>kept</c>, <c>notLinked</c> or <c>noneStored</c>.</param>
/// <param name="Count">Rows deleted (for <c>deleted</c>), otherwise rows kept or 0.</param>
/// <param name="Note">Why, in a sentence.</param>
public sealed record ErasureItem(string DataClass, string Action, long Count, string Note);

/// <summary>The input of <see cref="CompleteErasure"/>.</summary>
/// <param name="RequestId">The erasure request.</param>
/// <param name="Status">The final status (<see cref="ErasureStatuses"/>).</param>
/// <param name="Items">The receipt lines.</param>
public sealed record ErasureCompletion(string RequestId, string Status, IReadOnlyList<ErasureItem> Items);

/// <summary>The statuses of an erasure request.</summary>
public static class ErasureStatuses
{
    /// <summary>Accepted; the workflow has not started on it yet.</summary>
    public const string Pending = "pending";

    /// <summary>The workflow is erasing.</summary>
    public const string Running = "running";

    /// <summary>Done; the receipt lists what went.</summary>
    public const string Completed = "completed";

    /// <summary>Refused because a legal hold covers the customer; nothing was erased.</summary>
    public const string Held = "held";

    /// <summary>True for a status after which nothing changes.</summary>
    /// <param name="status">The status.</param>
    /// <returns>True for <see cref="Completed"/> and <see cref="Held"/>.</returns>
    public static bool IsFinal(string? status) => status is Completed or Held;
}

namespace CxServerless.Workflows.Feedback;

/// <summary>The stages of a loop (<c>Status</c> of its row) and its outcomes.</summary>
public static class FeedbackLoopStages
{
    /// <summary>The follow-up task is open.</summary>
    public const string Open = "open";

    /// <summary>The task is resolved; the follow-up delay runs.</summary>
    public const string Resolved = "resolved";

    /// <summary>The follow-up survey went out; the loop waits for the customer's answer.</summary>
    public const string AwaitingResponse = "awaitingResponse";

    /// <summary>The loop ended.</summary>
    public const string Closed = "closed";

    /// <summary>Outcome: the customer answered the follow-up.</summary>
    public const string Responded = "responded";

    /// <summary>Outcome: no answer within the response timeout.</summary>
    public const string NoResponse = "noResponse";

    /// <summary>Outcome: the task closed other than resolved (a false alarm): nobody follows up.</summary>
    public const string Dismissed = "dismissed";
}

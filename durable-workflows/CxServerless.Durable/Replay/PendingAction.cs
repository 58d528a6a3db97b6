namespace CxServerless.Durable.Replay;

/// <summary>A step the orchestration scheduled, waiting for its result.</summary>
internal sealed class PendingAction(int seq, ActionKind kind, string name)
{
    public int Seq { get; } = seq;

    public ActionKind Kind { get; } = kind;

    public string Name { get; } = name;

    public string? Input { get; init; }

    public DateTimeOffset? FireAt { get; init; }

    public string? ChildInstanceId { get; init; }

    /// <summary>True once history shows it was scheduled in an earlier episode.</summary>
    public bool Recorded { get; set; }

    /// <summary>Completes with the JSON result (null for timers).</summary>
    public TaskCompletionSource<string?> Completion { get; } = new();
}

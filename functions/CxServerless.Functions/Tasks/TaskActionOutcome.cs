namespace CxServerless.Functions.Tasks;

/// <summary>How an inbox action is carried out.</summary>
public enum TaskActionOutcome
{
    /// <summary>Raise the event (if any), change the row, append the entry.</summary>
    Apply,

    /// <summary>The action was done before: no event; the row change, entry and records are written only if missing.</summary>
    Repeat,

    /// <summary>The task's state forbids the action: 409.</summary>
    Conflict,

    /// <summary>The input does not fit the task (an unknown reassignee): 400.</summary>
    Invalid,
}

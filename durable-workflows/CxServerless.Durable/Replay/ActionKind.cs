namespace CxServerless.Durable.Replay;

/// <summary>The kinds of step an orchestration schedules.</summary>
internal enum ActionKind
{
    Activity,
    Timer,
    SubWorkflow,
}

namespace CxServerless.Durable.Messaging;

/// <summary>The kinds of engine message. All but <see cref="ActivityRequest"/> go to a control queue.</summary>
internal enum MessageKind
{
    Start,
    ActivityRequest,
    ActivityCompleted,
    ActivityFailed,
    TimerFired,
    EventRaised,
    SubWorkflowCompleted,
    SubWorkflowFailed,
    Terminate,
}

namespace CxServerless.Durable.Engine;

/// <summary>The persistence boundaries of an episode, where a crash is simulated in tests.</summary>
internal enum FaultPoint
{
    /// <summary>After replay, before the history commit.</summary>
    BeforeCommit,

    /// <summary>After the commit, before the outgoing messages are sent.</summary>
    AfterCommitBeforeSend,

    /// <summary>After the sends, before the inbound message is deleted.</summary>
    AfterSendBeforeDelete,
}

using CxServerless.Durable.Messaging;
using CxServerless.Durable.Storage;

namespace CxServerless.Durable.Engine;

/// <summary>A message an episode sends after its commit, derived from the events it recorded.</summary>
/// <param name="Message">The message.</param>
/// <param name="ToActivityQueue">True for activity work items, false for control messages.</param>
/// <param name="FireAt">For timers: when the message should become visible.</param>
/// <param name="ChildToCreate">For sub-orchestrations: the child instance to create before its start message is sent.</param>
internal sealed record Outgoing(WorkMessage Message, bool ToActivityQueue, DateTimeOffset? FireAt = null, InstanceState? ChildToCreate = null);

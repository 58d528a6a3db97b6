namespace CxServerless.Durable.Engine;

/// <summary>
/// What processing one queue message came to. When <see cref="Succeeded"/>, the message is done and may be deleted
/// (the Functions host deletes it on a successful invocation); otherwise it must be left for redelivery (and in the
/// end the poison queue), and <see cref="Detail"/> says why.
/// </summary>
/// <param name="Succeeded">True when the message was applied, recognised as a duplicate, or turned into a failed instance.</param>
/// <param name="Detail">A short, PII-free description for logs.</param>
public sealed record WorkItemResult(bool Succeeded, string Detail)
{
    /// <summary>A processed message.</summary>
    public static WorkItemResult Done(string detail) => new(true, detail);

    /// <summary>A message that is not an engine message.</summary>
    public static WorkItemResult Rejected(string reason) => new(false, reason);
}

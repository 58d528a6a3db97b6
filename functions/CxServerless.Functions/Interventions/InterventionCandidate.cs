using System.Security.Cryptography;
using System.Text;

namespace CxServerless.Functions.Interventions;

/// <summary>
/// An intervention a rule triggered, before the caps decide whether it is sent. Its id is derived from the kind and the
/// conversation, so every delivery and every instance that sees the same situation names the same intervention.
/// </summary>
/// <param name="Kind">An <see cref="CxServerless.Domain.Interventions.InterventionKinds"/> value.</param>
/// <param name="ConversationId">The contact or chat it is about (not personal data in this app's model).</param>
/// <param name="CustomerKey">The customer's pseudonym, when known.</param>
/// <param name="Team">The team that owns the contact, when known.</param>
/// <param name="Queue">The contact's queue, when known.</param>
/// <param name="EventTime">When the situation arose at the source (the wait's start, the contact, the message).</param>
/// <param name="Detail">What triggered it, without personal data (<c>waited 312 s</c>).</param>
public sealed record InterventionCandidate(
    string Kind, string ConversationId, string? CustomerKey, string? Team, string? Queue, DateTimeOffset EventTime, string Detail)
{
    /// <summary>The team the per-team cap counts against: the contact's team, else <c>unassigned</c>.</summary>
    public string CapTeam => Team is { Length: > 0 } team ? team : "unassigned";

    /// <summary>The intervention's id: one per kind and conversation.</summary>
    public string Id => Kind + "-" + StorageKey(ConversationId);

    /// <summary>A table-key-safe, fixed-length stand-in for text that may hold characters a key refuses (<c>/</c>, <c>#</c>).</summary>
    /// <param name="text">The text.</param>
    /// <returns>32 lower-case hex digits.</returns>
    public static string StorageKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }
}

using CxServerless.Workflows.Privacy;

namespace CxServerless.Functions.Privacy;

/// <summary>One erasure request as stored. The identifier it was made with is never stored; its pseudonym only while it runs.</summary>
/// <param name="RequestId">The id (<c>er-</c> and 32 hex), also the erasure workflow's instance id.</param>
/// <param name="IdentifierType">
/// The kind of identifier the request named (<c>email</c>, <c>phone</c>, <c>account</c>, <c>customerKey</c>).
/// </param>
/// <param name="Status">See <see cref="ErasureStatuses"/>.</param>
/// <param name="RequestedAt">When it was accepted.</param>
/// <param name="RequestedBy">Who asked (the OpsAdmin's user id).</param>
/// <param name="StartedAt">When the workflow began erasing.</param>
/// <param name="CompletedAt">When the receipt was written.</param>
/// <param name="Receipt">What went, per data class; empty until completed.</param>
public sealed record ErasureRequest(
    string RequestId,
    string IdentifierType,
    string Status,
    DateTimeOffset RequestedAt,
    string RequestedBy,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<ErasureItem> Receipt);

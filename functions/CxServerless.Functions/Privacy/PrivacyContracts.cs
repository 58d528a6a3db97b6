using System.Text.Json;
using System.Text.Json.Serialization;
using CxServerless.Workflows.Privacy;

namespace CxServerless.Functions.Privacy;

/// <summary>The body of <c>POST /api/privacy/erasure</c>.</summary>
/// <param name="IdentifierType"><c>email</c>, <c>phone</c>, <c>account</c> or <c>customerKey</c> (a pseudonym, <c>c-k1-…</c>).</param>
/// <param name="Value">The identifier. It is turned into the customer's pseudonym at once and never stored.</param>
/// <param name="SourceSystem">For <c>account</c> only: the system the account id belongs to (account pseudonyms are per source).</param>
public sealed record ErasureRequestBody(string? IdentifierType, string? Value, string? SourceSystem);

/// <summary>The answer of <c>POST /api/privacy/erasure</c>: 202 with where to follow the request.</summary>
/// <param name="RequestId">The request id.</param>
/// <param name="Status">Its status now (<c>pending</c>).</param>
/// <param name="StatusUri">The route that shows its progress and receipt.</param>
public sealed record ErasureAccepted(string RequestId, string Status, string StatusUri);

/// <summary>Source-generated JSON for the privacy API: camelCase, no nulls.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErasureRequestBody))]
[JsonSerializable(typeof(ErasureAccepted))]
[JsonSerializable(typeof(ErasureRequest))]
[JsonSerializable(typeof(IReadOnlyList<ErasureItem>))]
public sealed partial class PrivacyJsonContext : JsonSerializerContext;

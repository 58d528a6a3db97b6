using System.Text;
using System.Text.Json;
using CxServerless.Domain.Ingestion.Privacy;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Retention;

/// <summary>
/// <c>PUT /api/ops/legal-holds/{kind}/{id}</c> (OpsAdmin) with <c>{"reason": "…"}</c>: sets a legal hold on a customer
/// pseudonym or a case. 201 when set, 200 with the hold already in force (it is not changed). Audited.
/// </summary>
public sealed class LegalHoldPutFunction(LegalHoldStore holds, TimeProvider time, HttpFunctionServices services) : HttpFunction(services)
{
    private const int MaxBodyBytes = 4 * 1024;
    private const int MaxReasonLength = 500;

    /// <inheritdoc />
    public override string Name => "LegalHoldPut";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles => RetentionRoles.Manage;

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var kind = request.Params.GetValueOrDefault("kind");
        var id = request.Params.GetValueOrDefault("id");
        if (LegalHoldKinds.Check(kind, id) is { } problem)
        {
            return HttpTriggerResponse.Problem(400, "Invalid legal hold", problem);
        }

        if (request.Body is { } body && Encoding.UTF8.GetByteCount(body) > MaxBodyBytes)
        {
            return HttpTriggerResponse.Problem(413, "Payload too large", $"The body is over {MaxBodyBytes / 1024} KiB.");
        }

        var reason = ReadReason(request.Body);
        if (reason is null)
        {
            return HttpTriggerResponse.Problem(
                400, "Invalid legal hold", $"The body must be {{\"reason\": \"…\"}} with a reason of 1 to {MaxReasonLength} characters.");
        }

        var (hold, created) = await holds.SetAsync(
            new LegalHold(kind!, id!, PiiMasker.Mask(reason), caller.PersonId, time.GetUtcNow()), cancellationToken);
        return HttpTriggerResponse.Json(created ? 201 : 200, hold, RetentionJsonContext.Default.LegalHold);
    }

    private static string? ReadReason(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            var parsed = JsonSerializer.Deserialize(body, RetentionJsonContext.Default.LegalHoldRequest);
            var reason = parsed?.Reason?.Trim();
            return reason is { Length: > 0 and <= MaxReasonLength } ? reason : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

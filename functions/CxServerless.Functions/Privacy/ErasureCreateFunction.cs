using System.Text;
using System.Text.Json;
using CxServerless.Domain.Ingestion.Privacy;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using CxServerless.Workflows.Privacy;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CxServerless.Functions.Privacy;

/// <summary>
/// <c>POST /api/privacy/erasure</c> (OpsAdmin) with <c>{"identifierType", "value", "sourceSystem"?}</c>: accepts an
/// erasure request (GDPR Article 17, CCPA deletion) and starts its workflow. 202 with the request id and where to follow
/// it. The identifier is turned into the customer's pseudonym here and never stored or logged. Audited.
/// </summary>
public sealed class ErasureCreateFunction(
    ErasureRequestStore requests,
    Pseudonymizer pseudonymizer,
    DurableTaskClient workflows,
    TimeProvider time,
    HttpFunctionServices services) : HttpFunction(services)
{
    private const int MaxBodyBytes = 4 * 1024;

    /// <inheritdoc />
    public override string Name => "ErasureCreate";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles => PrivacyRoles.Request;

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        if (request.Body is { } text && Encoding.UTF8.GetByteCount(text) > MaxBodyBytes)
        {
            return HttpTriggerResponse.Problem(413, "Payload too large", $"The body is over {MaxBodyBytes / 1024} KiB.");
        }

        if (Read(request.Body) is not { } body)
        {
            return HttpTriggerResponse.Problem(400, "Invalid erasure request",
                "The body must be JSON: {\"identifierType\": \"email|phone|account|customerKey\", \"value\": \"…\"} " +
                "(and \"sourceSystem\" with an account id).");
        }

        var (pseudonym, problem) = ErasureSubject.Resolve(body, pseudonymizer);
        if (pseudonym is null)
        {
            return HttpTriggerResponse.Problem(400, "Invalid erasure request", problem!);
        }

        var id = "er-" + Guid.NewGuid().ToString("N");
        var accepted = new ErasureRequest(
            id, body.IdentifierType!, ErasureStatuses.Pending, time.GetUtcNow(), caller.PersonId, null, null, []);
        await requests.CreateAsync(accepted, pseudonym, cancellationToken);
        await workflows.ScheduleNewOrchestrationInstanceAsync(
            nameof(ErasureOrchestrator), new ErasureInput(id), new StartOrchestrationOptions(id), cancellationToken);
        var statusUri = "/api/privacy/erasure/" + id;
        var response = HttpTriggerResponse.Json(
            202, new ErasureAccepted(id, ErasureStatuses.Pending, statusUri), PrivacyJsonContext.Default.ErasureAccepted);
        response.Headers["Location"] = statusUri;
        return response;
    }

    private static ErasureRequestBody? Read(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, PrivacyJsonContext.Default.ErasureRequestBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

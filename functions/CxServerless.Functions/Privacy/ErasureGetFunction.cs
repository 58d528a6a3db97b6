using System.Text.RegularExpressions;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Privacy;

/// <summary>
/// <c>GET /api/privacy/erasure/{id}</c> (OpsAdmin, Auditor): an erasure request's progress and, once done, its receipt
/// (what went, per data class, and when). Audited.
/// </summary>
public sealed partial class ErasureGetFunction(ErasureRequestStore requests, HttpFunctionServices services) : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "ErasureGet";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles => PrivacyRoles.Read;

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.Params.GetValueOrDefault("id");
        if (id is null || !RequestIdPattern().IsMatch(id))
        {
            return HttpTriggerResponse.Problem(400, "Invalid request id", "An erasure request id is 'er-' and 32 hex digits.");
        }

        if (await requests.GetAsync(id, cancellationToken) is not { } found)
        {
            return HttpTriggerResponse.Problem(404, "Unknown erasure request", $"No erasure request {id}.");
        }

        var response = HttpTriggerResponse.Json(200, found.Request, PrivacyJsonContext.Default.ErasureRequest);
        response.Headers["Cache-Control"] = "no-store";
        return response;
    }

    [GeneratedRegex("^er-[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex RequestIdPattern();
}

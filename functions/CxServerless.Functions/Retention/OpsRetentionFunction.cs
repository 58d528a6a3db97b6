using System.Globalization;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Retention;

/// <summary>
/// <c>GET /api/ops/retention?top=</c> (OpsAdmin, Auditor): the retention limit of every data class and the latest runs
/// of <c>RetentionSweep</c> and <c>PurgeWorkflowHistory</c> with their counts per class, newest first. Audited.
/// </summary>
public sealed class OpsRetentionFunction(RetentionRunStore runs, IOptions<RetentionOptions> options, HttpFunctionServices services)
    : HttpFunction(services)
{
    private const int DefaultTop = 20;
    private const int MaxTop = 200;

    /// <inheritdoc />
    public override string Name => "OpsRetention";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles => RetentionRoles.Read;

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var top = DefaultTop;
        if (request.Query.TryGetValue("top", out var t) && t.Length > 0
            && (!int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > MaxTop))
        {
            return HttpTriggerResponse.Problem(400, "Invalid query", $"top must be a whole number from 1 to {MaxTop}.");
        }

        var policy = RetentionClasses.All
            .Select(c => new RetentionPolicyView(c.Name, c.Setting, c.Days(options.Value), c.Walk))
            .ToList();
        var latest = (await runs.LatestAsync(top, cancellationToken))
            .Select(r => new RetentionRunView(r.Job, r.StartedAt, r.FinishedAt, r.Deleted, r.Held, r.Classes))
            .ToList();
        var response = HttpTriggerResponse.Json(
            200, new RetentionResponse(policy, latest), RetentionJsonContext.Default.RetentionResponse);
        response.Headers["Cache-Control"] = "no-store";
        return response;
    }
}

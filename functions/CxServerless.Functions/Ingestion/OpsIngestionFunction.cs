using CxServerless.Domain.Access;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;

namespace CxServerless.Functions.Ingestion;

/// <summary>
/// <c>GET /api/ops/ingestion</c> (OpsAdmin, Supervisor, Auditor): ingestion totals since the store was created —
/// received, stored, quarantined by reason, duplicates, late — in total and by source. received = stored + quarantined
/// + duplicates.
/// </summary>
public sealed class OpsIngestionFunction(HttpFunctionServices services, IngestionCounterStore counters) : HttpFunction(services)
{
    /// <inheritdoc />
    public override string Name => "OpsIngestion";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles { get; } =
        new HashSet<string> { CxRoles.OpsAdmin, CxRoles.Supervisor, CxRoles.Auditor };

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        var (totals, partitions) = await counters.ReadAllAsync(cancellationToken);
        var response = HttpTriggerResponse.Json(200, totals.ToResponse(partitions), IngestionJsonContext.Default.IngestionTotalsResponse);
        response.Headers["Cache-Control"] = "no-store";
        return response;
    }
}

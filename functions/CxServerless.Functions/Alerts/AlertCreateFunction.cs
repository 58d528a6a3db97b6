using System.Globalization;
using CxServerless.Domain.Access;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Domain.Analytics.Kpis;
using CxServerless.Domain.Analytics.Slices;
using CxServerless.Domain.Ingestion.Privacy;
using CxServerless.Functions.Analytics;
using CxServerless.Functions.Escalation;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Security;
using CxServerless.Functions.Tasks;

namespace CxServerless.Functions.Alerts;

/// <summary>
/// <c>POST /api/alerts</c> with <c>{ "summary", "severity": "low|medium|high|critical", "team"?, "kpi"?, "slice"? }</c>
/// (Supervisor, OpsAdmin; audited): declares an incident. The alert is stored (masked), listed by <c>GET /api/alerts</c>
/// with <c>source: "manual"</c>, and announced on the alerts queue as <c>opened</c>, so it is escalated like a detected
/// one. Answers 201 with the alert and its <c>Location</c>. A body that is not JSON of that shape is 400; a value that
/// is not allowed (no summary, a summary over 500 characters, an unknown severity, team, KPI or slice) is 422 naming it.
/// </summary>
public sealed class AlertCreateFunction(AlertStore alerts, RosterSource rosters, TimeProvider time, HttpFunctionServices services)
    : HttpFunction(services)
{
    /// <summary>The longest summary, in characters, before masking.</summary>
    public const int MaxSummaryLength = 500;

    private const string Shape =
        "{ \"summary\": \"…\", \"severity\": \"low|medium|high|critical\", \"team\"?: \"…\", \"kpi\"?: \"…\", \"slice\"?: \"…\" }";

    /// <inheritdoc />
    public override string Name => "AlertCreate";

    /// <inheritdoc />
    public override IReadOnlySet<string> AllowedRoles { get; } =
        new HashSet<string>(StringComparer.Ordinal) { CxRoles.Supervisor, CxRoles.OpsAdmin };

    /// <inheritdoc />
    protected override bool AuditAccess => true;

    /// <inheritdoc />
    protected override async Task<HttpTriggerResponse> HandleAsync(
        HttpTriggerRequest request, CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        if (TaskRequests.IsTooLarge(request.Body))
        {
            return HttpTriggerResponse.Problem(413, "Payload too large", $"The body is over {TaskRequests.MaxBodyBytes / 1024} KiB.");
        }

        if (!TaskRequests.TryRead(
            request.Body, ManualAlertJsonContext.Default.ManualAlertRequest, optional: false, Shape, out var body, out var problem))
        {
            return HttpTriggerResponse.Problem(400, "Invalid body", problem!);
        }

        var roster = await rosters.GetAsync(cancellationToken);
        var invalid = Check(body!, roster, out var severity, out var kpi, out var slice);
        if (invalid is not null)
        {
            return HttpTriggerResponse.Problem(422, "Invalid alert", invalid);
        }

        var now = time.GetUtcNow();
        var alert = new ManualAlert(
            "manual-" + Guid.CreateVersion7(now).ToString("N"), PiiMasker.Mask(body!.Summary!.Trim()), severity, body.Severity!, body.Team,
            kpi?.ToString(), slice.ToString(), AlertStatus.Open, now, caller.PersonId);
        await alerts.AddManualAsync(alert, cancellationToken);
        AnalyticsMetrics.RecordAlert("opened", severity.ToString());
        var response = HttpTriggerResponse.Json(201, alert.ToView(), ManualAlertJsonContext.Default.ManualAlertView);
        response.Headers["Location"] = $"/api/alerts?status=all&id={alert.Id}";
        return response;
    }

    private static string? Check(
        ManualAlertRequest body, Domain.Escalation.Roster roster, out AlertSeverity severity, out KpiId? kpi, out Slice slice)
    {
        severity = default;
        kpi = null;
        slice = Slice.All;
        if (string.IsNullOrWhiteSpace(body.Summary))
        {
            return "summary is required: say what is wrong.";
        }

        if (body.Summary.Length > MaxSummaryLength)
        {
            return string.Create(
                CultureInfo.InvariantCulture, $"summary has {body.Summary.Length} characters; at most {MaxSummaryLength} are allowed.");
        }

        if (!ManualSeverities.TryMap(body.Severity, out severity))
        {
            return $"severity must be one of {string.Join(", ", ManualSeverities.Names)}.";
        }

        if (body.Team is not null && !roster.HasTeam(body.Team))
        {
            return $"team \"{Clip(body.Team)}\" is not a team of the routing file in force (version {roster.Version}).";
        }

        if (body.Kpi is not null)
        {
            if (!Enum.TryParse<KpiId>(body.Kpi, ignoreCase: false, out var id) || !Enum.IsDefined(id) || int.TryParse(body.Kpi, out _))
            {
                return $"kpi \"{Clip(body.Kpi)}\" is not a KPI; use one of {string.Join(", ", Enum.GetNames<KpiId>())}.";
            }

            kpi = id;
        }

        if (body.Slice is not null)
        {
            if (!Slice.TryParse(body.Slice, out slice))
            {
                return $"slice \"{Clip(body.Slice)}\" is not a slice such as all, queue=billing or team=team-billing.";
            }
        }
        else if (body.Team is not null)
        {
            slice = new Slice(SliceDimension.Team, body.Team);
        }

        return null;
    }

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "…";
}

using System.Text.Json;
using System.Text.Json.Serialization;
using CxServerless.Domain.Analytics.Recalibration;

namespace CxServerless.Functions.Rules;

/// <summary>A recalibration's report, stored with its draft and shown by <c>GET /api/rules</c>.</summary>
/// <param name="BaseVersion">The active version it started from.</param>
/// <param name="DraftVersion">The draft.</param>
/// <param name="HistoryFrom">The first window end the baselines were recomputed from.</param>
/// <param name="BacktestFrom">The start of the backtest period.</param>
/// <param name="To">The end of both (the start of the day the recalibration ran, or the watermark if earlier).</param>
/// <param name="AlertsFired">Detected alerts opened over the history.</param>
/// <param name="FalseAlarmsFlagged">Of them, those flagged as false alarms.</param>
/// <param name="ConfirmedAlerts">Of them, those whose task a person resolved.</param>
/// <param name="WithinGuardRails">Whether the draft could be activated without approval.</param>
/// <param name="GuardRailViolations">Why it needed approval.</param>
/// <param name="Rules">The findings per rule with alerts, with each tuned rule's changes and backtest.</param>
/// <param name="Baselines">The baselines recomputed for the rules above their false-alarm target.</param>
public sealed record RecalibrationReport(
    string BaseVersion,
    string DraftVersion,
    DateTimeOffset HistoryFrom,
    DateTimeOffset BacktestFrom,
    DateTimeOffset To,
    int AlertsFired,
    int FalseAlarmsFlagged,
    int ConfirmedAlerts,
    bool WithinGuardRails,
    IReadOnlyList<string> GuardRailViolations,
    IReadOnlyList<RuleRecalibration> Rules,
    IReadOnlyList<SliceBaseline> Baselines);

/// <summary>One rules version as <c>GET /api/rules</c> lists it.</summary>
/// <param name="Version">The version (as recorded on every alert it raised).</param>
/// <param name="Status">active, draft, retired or expired.</param>
/// <param name="Source">file or recalibration.</param>
/// <param name="BaseVersion">The version a draft was made from.</param>
/// <param name="CreatedAt">When it was stored.</param>
/// <param name="ActivatedAt">When it was last activated.</param>
/// <param name="RetiredAt">When it was last retired.</param>
/// <param name="ExpiredAt">When it expired.</param>
/// <param name="DecidedBy">Who last activated or expired it.</param>
/// <param name="ApprovalInstanceId">The approval workflow, for a draft that needed one.</param>
/// <param name="Report">The recalibration report of a draft.</param>
public sealed record RulesVersionView(
    string Version,
    string Status,
    string Source,
    string? BaseVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ActivatedAt,
    DateTimeOffset? RetiredAt,
    DateTimeOffset? ExpiredAt,
    string? DecidedBy,
    string? ApprovalInstanceId,
    RecalibrationReport? Report);

/// <summary>The answer of <c>GET /api/rules</c>: the active version and every version, newest first.</summary>
/// <param name="Active">The active version.</param>
/// <param name="Versions">Every version.</param>
public sealed record RulesListResponse(string? Active, IReadOnlyList<RulesVersionView> Versions);

/// <summary>The answer of <c>POST /api/rules/{version}/activate</c>.</summary>
/// <param name="Version">The version now active.</param>
/// <param name="Previous">The version it replaced (null when it was already active).</param>
/// <param name="Outcome"><c>activated</c> or <c>alreadyActive</c>.</param>
public sealed record RulesActivateResponse(string Version, string? Previous, string Outcome);

/// <summary>Source-generated JSON for the rules API and the stored reports: camelCase, no nulls.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RulesListResponse))]
[JsonSerializable(typeof(RulesActivateResponse))]
[JsonSerializable(typeof(RecalibrationReport))]
public sealed partial class RulesJsonContext : JsonSerializerContext;

using Azure.Data.Tables;

namespace CxServerless.Functions.Rules;

/// <summary>One stored rules version: a row of the RulesVersions table (partition <c>rules</c>, row key the version).</summary>
/// <param name="Version">The version, as in the file and on every alert it raises.</param>
/// <param name="Status">active, draft, retired or expired (<see cref="RulesVersionStatus"/>).</param>
/// <param name="Source"><c>file</c> (the deployed rules file) or <c>recalibration</c>.</param>
/// <param name="BaseVersion">The version a recalibration draft was made from.</param>
/// <param name="Json">The rules file's text.</param>
/// <param name="Report">The recalibration report (JSON), for a recalibration draft.</param>
/// <param name="CreatedAt">When it was stored.</param>
public sealed record RulesVersionRecord(
    string Version, string Status, string Source, string? BaseVersion, string Json, string? Report, DateTimeOffset CreatedAt)
{
    /// <summary>The partition every row lives in.</summary>
    public const string PartitionKey = "rules";

    /// <summary>Gets when it was last activated.</summary>
    public DateTimeOffset? ActivatedAt { get; init; }

    /// <summary>Gets when it was last retired.</summary>
    public DateTimeOffset? RetiredAt { get; init; }

    /// <summary>Gets when it expired.</summary>
    public DateTimeOffset? ExpiredAt { get; init; }

    /// <summary>Gets who last activated, rolled back to or expired it (a user id, or <c>system:…</c>).</summary>
    public string? DecidedBy { get; init; }

    /// <summary>Gets the approval workflow's instance id, for a draft that needed approval.</summary>
    public string? ApprovalInstanceId { get; init; }

    /// <summary>The row.</summary>
    /// <returns>The table entity.</returns>
    public TableEntity ToEntity() => new(PartitionKey, Version)
    {
        [nameof(Status)] = Status,
        [nameof(Source)] = Source,
        [nameof(BaseVersion)] = BaseVersion,
        [nameof(Json)] = Json,
        [nameof(Report)] = Report,
        [nameof(CreatedAt)] = CreatedAt,
        [nameof(ActivatedAt)] = ActivatedAt,
        [nameof(RetiredAt)] = RetiredAt,
        [nameof(ExpiredAt)] = ExpiredAt,
        [nameof(DecidedBy)] = DecidedBy,
        [nameof(ApprovalInstanceId)] = ApprovalInstanceId,
    };

    /// <summary>Reads a row.</summary>
    /// <param name="e">The entity.</param>
    /// <returns>The version.</returns>
    public static RulesVersionRecord FromEntity(TableEntity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new RulesVersionRecord(
            e.RowKey, e.GetString(nameof(Status)) ?? RulesVersionStatus.Retired, e.GetString(nameof(Source)) ?? "file",
            e.GetString(nameof(BaseVersion)), e.GetString(nameof(Json)) ?? string.Empty, e.GetString(nameof(Report)),
            e.GetDateTimeOffset(nameof(CreatedAt)) ?? DateTimeOffset.MinValue)
        {
            ActivatedAt = e.GetDateTimeOffset(nameof(ActivatedAt)),
            RetiredAt = e.GetDateTimeOffset(nameof(RetiredAt)),
            ExpiredAt = e.GetDateTimeOffset(nameof(ExpiredAt)),
            DecidedBy = e.GetString(nameof(DecidedBy)),
            ApprovalInstanceId = e.GetString(nameof(ApprovalInstanceId)),
        };
    }
}

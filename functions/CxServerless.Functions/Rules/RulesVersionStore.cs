using Azure;
using Azure.Data.Tables;
using CxServerless.Domain.Analytics.Recalibration;
using CxServerless.Domain.Analytics.Rules;
using CxServerless.Functions.Analytics;

namespace CxServerless.Functions.Rules;

/// <summary>
/// The RulesVersions table: every rules version (partition <c>rules</c>, row key the version) and the pointer to the
/// active one (row <c>~active</c>; its ETag changes on every activation, so readers cache the active rules by it).
/// An activation rewrites the pointer, the new version and the one it replaces in one entity-group transaction guarded
/// by their ETags, so exactly one version is ever active, also with two writers at once.
/// </summary>
public sealed class RulesVersionStore(TableClient table, DeployedRules deployed, TimeProvider time)
{
    /// <summary>The default table name.</summary>
    public const string TableName = "RulesVersions";

    private const string PointerKey = "~active";
    private const int MaxAttempts = 8;

    private volatile bool _created;

    /// <summary>Gets the table.</summary>
    public TableClient Table => table;

    /// <summary>Creates the table when missing.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }
    }

    /// <summary>
    /// Stores the deployed file's version when it is not stored yet: as the active version on first start, and on a
    /// later deployment of a new file version by activating it (deploying a file is a deliberate change). A version
    /// already stored is left as it is, so a restart never undoes an activation made since.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var version = deployed.Rules.Version;
        if (await GetAsync(version, cancellationToken) is not null)
        {
            return;
        }

        var now = time.GetUtcNow();
        var row = new RulesVersionRecord(version, RulesVersionStatus.Active, "file", null, deployed.Json, null, now)
        {
            ActivatedAt = now,
            DecidedBy = "system:deployment",
        };
        if ((await ActivePointerAsync(cancellationToken)).Version is null)
        {
            try
            {
                await Storage.TableTransactions.SubmitAsync(
                    table,
                    [
                        new TableTransactionAction(TableTransactionActionType.Add, row.ToEntity()),
                        new TableTransactionAction(TableTransactionActionType.Add, Pointer(version)),
                    ],
                    cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another instance seeded at the same time: go on as for a later deployment.
            }
        }

        await AddAsync(row with { Status = RulesVersionStatus.Retired, ActivatedAt = null, DecidedBy = null }, cancellationToken);
        await ActivateAsync(version, "system:deployment", cancellationToken);
    }

    /// <summary>The active version's id and the pointer's ETag; a null version before seeding.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pointer.</returns>
    public async Task<(string? Version, ETag ETag)> ActivePointerAsync(CancellationToken cancellationToken)
    {
        StorageReads.Add();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(
            RulesVersionRecord.PartitionKey, PointerKey, cancellationToken: cancellationToken);
        return row.HasValue ? (row.Value!.GetString("Version"), row.Value.ETag) : (null, default);
    }

    /// <summary>Reads one version.</summary>
    /// <param name="version">The version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version, or null.</returns>
    public async Task<RulesVersionRecord?> GetAsync(string version, CancellationToken cancellationToken) =>
        (await GetRowAsync(version, cancellationToken))?.Record;

    /// <summary>Every version, newest first.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The versions.</returns>
    public async Task<IReadOnlyList<RulesVersionRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var rows = new List<RulesVersionRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {RulesVersionRecord.PartitionKey} and RowKey ne {PointerKey}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(RulesVersionRecord.FromEntity(e));
        }

        return [.. rows.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Version, StringComparer.Ordinal)];
    }

    /// <summary>Inserts a version unless one with its id exists.</summary>
    /// <param name="record">The version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when this call stored it.</returns>
    public async Task<bool> AddAsync(RulesVersionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await EnsureCreatedAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(record.ToEntity(), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Records the approval workflow that decides a draft.</summary>
    /// <param name="version">The draft.</param>
    /// <param name="instanceId">The workflow's instance id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task SetApprovalAsync(string version, string instanceId, CancellationToken cancellationToken) =>
        UpdateAsync(version, r => r.ApprovalInstanceId == instanceId ? r : r with { ApprovalInstanceId = instanceId }, cancellationToken);

    /// <summary>
    /// Makes <paramref name="version"/> the active version and retires the one it replaces: a draft's activation or a
    /// rollback to a retired version. Refuses an expired draft and a version of another shape than the deployed file.
    /// </summary>
    /// <param name="version">The version.</param>
    /// <param name="by">Who activates it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What happened.</returns>
    public async Task<RulesActivation> ActivateAsync(string version, string by, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var target = await GetRowAsync(version, cancellationToken);
            if (target is not { } t)
            {
                return new RulesActivation(RulesActivation.NotFound, $"Rules version '{version}' does not exist.", null, null);
            }

            if (t.Record.Status == RulesVersionStatus.Expired)
            {
                return new RulesActivation(
                    RulesActivation.Expired,
                    $"Rules version '{version}' is an expired draft; it can no longer be activated.",
                    t.Record,
                    null);
            }

            if (Incompatibility(t.Record) is { } problem)
            {
                return new RulesActivation(RulesActivation.Incompatible, problem, t.Record, null);
            }

            var (activeVersion, pointerETag) = await ActivePointerAsync(cancellationToken);
            if (activeVersion == version && t.Record.Status == RulesVersionStatus.Active)
            {
                return new RulesActivation(RulesActivation.AlreadyActive, null, t.Record, null);
            }

            var now = time.GetUtcNow();
            var activated = t.Record with { Status = RulesVersionStatus.Active, ActivatedAt = now, DecidedBy = by };
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.UpdateReplace, activated.ToEntity(), t.ETag),
                activeVersion is null
                    ? new(TableTransactionActionType.Add, Pointer(version))
                    : new(TableTransactionActionType.UpdateReplace, Pointer(version), pointerETag),
            };
            if (activeVersion is not null && activeVersion != version && await GetRowAsync(activeVersion, cancellationToken) is { } old)
            {
                var retired = old.Record with { Status = RulesVersionStatus.Retired, RetiredAt = now };
                actions.Add(new(TableTransactionActionType.UpdateReplace, retired.ToEntity(), old.ETag));
            }

            try
            {
                await Storage.TableTransactions.SubmitAsync(table, actions, cancellationToken);
                return new RulesActivation(RulesActivation.Activated, null, activated, activeVersion);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another writer changed a row between our reads and the transaction: read them again.
            }
        }
    }

    /// <summary>Expires a draft (rejected, or not approved in time). Active and retired versions are left alone.</summary>
    /// <param name="version">The draft.</param>
    /// <param name="by">Who expires it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><c>expired</c>, <c>already expired</c>, <c>not found</c>, or <c>not a draft ({status})</c>.</returns>
    public async Task<string> ExpireAsync(string version, string by, CancellationToken cancellationToken)
    {
        var before = await GetAsync(version, cancellationToken);
        if (before is null)
        {
            return "not found";
        }

        var now = time.GetUtcNow();
        var after = await UpdateAsync(
            version,
            r => r.Status == RulesVersionStatus.Draft ? r with { Status = RulesVersionStatus.Expired, ExpiredAt = now, DecidedBy = by } : r,
            cancellationToken);
        return before.Status == RulesVersionStatus.Expired ? "already expired"
            : after?.Status == RulesVersionStatus.Expired ? RulesVersionStatus.Expired
            : $"not a draft ({after?.Status ?? "gone"})";
    }

    private string? Incompatibility(RulesVersionRecord record)
    {
        var parsed = RuleSetParser.Parse(record.Json);
        if (parsed.RuleSet is not { } rules)
        {
            return $"Rules version '{record.Version}' is not a valid rules file: {string.Join("; ", parsed.Errors)}.";
        }

        var differences = RulesShape.Differences(deployed.Rules, rules);
        return differences.Count == 0
            ? null
            : $"Rules version '{record.Version}' watches other things than the deployed file {deployed.Rules.Version} " +
              $"({string.Join("; ", differences)}); deploy a file of that shape instead.";
    }

    private async Task<RulesVersionRecord?> UpdateAsync(
        string version, Func<RulesVersionRecord, RulesVersionRecord> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await GetRowAsync(version, cancellationToken) is not { } row)
            {
                return null;
            }

            var next = change(row.Record);
            if (next == row.Record)
            {
                return next;
            }

            try
            {
                await table.UpdateEntityAsync(next.ToEntity(), row.ETag, TableUpdateMode.Replace, cancellationToken);
                return next;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < MaxAttempts)
            {
                // Changed meanwhile: read again.
            }
        }
    }

    private async Task<(RulesVersionRecord Record, ETag ETag)?> GetRowAsync(string version, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        if (version == PointerKey)
        {
            return null;
        }

        var row = await table.GetEntityIfExistsAsync<TableEntity>(
            RulesVersionRecord.PartitionKey, version, cancellationToken: cancellationToken);
        return row.HasValue ? (RulesVersionRecord.FromEntity(row.Value!), row.Value!.ETag) : null;
    }

    private static TableEntity Pointer(string version) => new(RulesVersionRecord.PartitionKey, PointerKey) { ["Version"] = version };
}

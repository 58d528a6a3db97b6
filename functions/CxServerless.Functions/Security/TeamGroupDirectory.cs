using Azure;
using Azure.Data.Tables;
using CxServerless.Functions.Storage;

namespace CxServerless.Functions.Security;

/// <summary>
/// The table that maps Entra group object ids to teams (table <c>TeamGroups</c>, one row per group), managed by OpsAdmin
/// through <c>PUT /api/teams/groups</c>. In Azure, Entra ID gives no <c>team</c> claim; the app registration emits
/// <c>groups</c> claims instead (docs/security.md), and this table turns them into the team that scopes what Agents and
/// TeamLeads see. A caller's explicit <c>team</c> claim always wins.
/// </summary>
/// <remarks>
/// Reads are cached for <see cref="CacheFor"/> per instance, so a principal with groups costs at most one storage read per
/// 30 s; a replacement is in force on the instance that made it at once and on every other within 30 s.
/// </remarks>
public sealed class TeamGroupDirectory(TableClient table, TimeProvider time)
{
    /// <summary>The default table name.</summary>
    public const string TableName = "TeamGroups";

    /// <summary>The most groups the table holds.</summary>
    public const int MaxGroups = 500;

    /// <summary>How long an instance keeps the mapping it read.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private const string Partition = "group";
    private readonly Lock _gate = new();
    private (Task<IReadOnlyDictionary<string, string>> Read, DateTimeOffset StartedAt)? _cached;

    /// <summary>
    /// The caller with their team filled in from their groups, when they have no <c>team</c> claim and their groups map to
    /// exactly one team. Groups that map to several teams give no team (the caller then sees no team's data): give each
    /// person the groups of one team.
    /// </summary>
    public async Task<CallerPrincipal> ResolveAsync(CallerPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Team is not null || caller.Groups.Count == 0)
        {
            return caller;
        }

        var map = await MappingAsync().WaitAsync(cancellationToken);
        var teams = caller.Groups.Select(g => map.GetValueOrDefault(g)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return teams.Count == 1 ? caller with { Team = teams[0] } : caller;
    }

    /// <summary>The mapping (group id → team), at most <see cref="CacheFor"/> old; concurrent callers share one read.</summary>
    public Task<IReadOnlyDictionary<string, string>> MappingAsync()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_cached is { } hit && now - hit.StartedAt < CacheFor && !hit.Read.IsFaulted && !hit.Read.IsCanceled)
            {
                return hit.Read;
            }

            var read = ReadAsync(CancellationToken.None);
            _cached = (read, now);
            return read;
        }
    }

    /// <summary>Reads the mapping from storage (no cache): what the table holds now.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(CancellationToken cancellationToken)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(
                e => e.PartitionKey == Partition, select: ["RowKey", "Team"], cancellationToken: cancellationToken))
            {
                if (row.GetString("Team") is { } team)
                {
                    map[row.RowKey] = team;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table until the first PUT: no group maps to a team.
        }

        return map;
    }

    /// <summary>
    /// Replaces the whole mapping: adds and changes the given groups, then deletes the groups not given. Not atomic
    /// across transactions: a reader in between may see the new rows beside old ones for a moment.
    /// </summary>
    public async Task ReplaceAsync(IReadOnlyDictionary<string, string> mapping, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        await table.CreateIfNotExistsAsync(cancellationToken);
        var current = await ReadAsync(cancellationToken);
        var actions = mapping
            .Where(m => !current.TryGetValue(m.Key, out var team) || !string.Equals(team, m.Value, StringComparison.Ordinal))
            .Select(m => new TableTransactionAction(
                TableTransactionActionType.UpsertReplace,
                new TableEntity(Partition, m.Key.ToLowerInvariant()) { ["Team"] = m.Value }))
            .Concat(current.Keys.Where(g => !mapping.ContainsKey(g)).Select(g => new TableTransactionAction(
                TableTransactionActionType.Delete, new TableEntity(Partition, g), ETag.All)));
        foreach (var transaction in TableTransactions.Plan(actions))
        {
            await TableTransactions.SubmitAsync(table, transaction, cancellationToken);
        }

        lock (_gate)
        {
            _cached = null;
        }
    }
}

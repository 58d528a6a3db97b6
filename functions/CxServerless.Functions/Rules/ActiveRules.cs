using CxServerless.Domain.Analytics.Rules;

namespace CxServerless.Functions.Rules;

/// <summary>
/// The rules in force: the active stored version, cached by the ETag of the active pointer, so that each call costs
/// one point read and a changed pointer (an activation or rollback, on any instance) is seen on the next call. The
/// first call seeds the store from the deployed file (<see cref="RulesVersionStore.SeedAsync"/>).
/// </summary>
public sealed class ActiveRules(RulesVersionStore store) : IDisposable
{
    private readonly SemaphoreSlim _seed = new(1, 1);
    private volatile Cached? _cached;
    private volatile bool _seeded;

    /// <inheritdoc />
    public void Dispose() => _seed.Dispose();

    /// <summary>The active rules.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The validated rules of the active version.</returns>
    /// <exception cref="InvalidOperationException">The store has no active version after seeding, or it is invalid.</exception>
    public async Task<RuleSet> GetAsync(CancellationToken cancellationToken)
    {
        if (!_seeded)
        {
            await _seed.WaitAsync(cancellationToken);
            try
            {
                if (!_seeded)
                {
                    await store.SeedAsync(cancellationToken);
                    _seeded = true;
                }
            }
            finally
            {
                _seed.Release();
            }
        }

        var (version, etag) = await store.ActivePointerAsync(cancellationToken);
        if (_cached is { } cached && cached.ETag == etag.ToString())
        {
            return cached.Rules;
        }

        var record = version is null ? null : await store.GetAsync(version, cancellationToken);
        if (record is null)
        {
            throw new InvalidOperationException($"The rules store has no active version ('{version ?? "none"}').");
        }

        var rules = RuleSetParser.ParseOrThrow(record.Json);
        _cached = new Cached(etag.ToString(), rules);
        return rules;
    }

    private sealed record Cached(string ETag, RuleSet Rules);
}

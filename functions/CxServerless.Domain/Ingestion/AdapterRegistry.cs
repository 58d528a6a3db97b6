using System.Text.Json;

namespace CxServerless.Domain.Ingestion;

/// <summary>
/// The table of source adapters. Selection is explicit: the <c>cx-format</c> property names the adapter, or exactly one
/// adapter's signature matches the payload. No match is <c>unknown-format</c>, several are <c>ambiguous-format</c>.
/// </summary>
public sealed class AdapterRegistry
{
    private readonly Dictionary<string, ISourceAdapter> _byFormat;
    private readonly ISourceAdapter[] _adapters;

    /// <summary>Builds the table; format names must be unique.</summary>
    public AdapterRegistry(IEnumerable<ISourceAdapter> adapters)
    {
        ArgumentNullException.ThrowIfNull(adapters);
        _adapters = [.. adapters];
        _byFormat = new Dictionary<string, ISourceAdapter>(StringComparer.OrdinalIgnoreCase);
        foreach (var adapter in _adapters)
        {
            if (!_byFormat.TryAdd(adapter.Format, adapter))
            {
                throw new ArgumentException($"Two adapters share the format '{adapter.Format}'.", nameof(adapters));
            }
        }
    }

    /// <summary>The registered adapters.</summary>
    public IReadOnlyList<ISourceAdapter> Adapters => _adapters;

    /// <summary>Selects the adapter for a payload, or returns why none can be chosen.</summary>
    public AdapterSelection Select(JsonElement root, string? formatHint)
    {
        if (!string.IsNullOrWhiteSpace(formatHint))
        {
            return _byFormat.TryGetValue(formatHint.Trim(), out var named)
                ? new AdapterSelection(named, null)
                : new AdapterSelection(null, new Rejection(QuarantineReason.UnknownFormat, "the cx-format property names no adapter"));
        }

        ISourceAdapter? match = null;
        foreach (var adapter in _adapters)
        {
            if (!adapter.Matches(root))
            {
                continue;
            }

            if (match is not null)
            {
                return new AdapterSelection(
                    null, new Rejection(QuarantineReason.AmbiguousFormat, $"matches both {match.Format} and {adapter.Format}"));
            }

            match = adapter;
        }

        return match is null
            ? new AdapterSelection(null, new Rejection(QuarantineReason.UnknownFormat, "no adapter recognises the payload"))
            : new AdapterSelection(match, null);
    }
}

using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace CxServerless.Domain.Ingestion;

/// <summary>
/// The table of source adapters. Selection is explicit: the <c>cx-format</c> property names the adapter, or exactly one
/// adapter's signature matches the payload. No match is <c>unknown-format</c>, several are <c>ambiguous-format</c>.
/// </summary>
/// <remarks>
/// Every adapter is still asked whether it matches (so that ambiguity is always seen), except those that cannot: one
/// pass over the payload's top-level property names finds which <see cref="ISourceAdapter.Signature"/> names it
/// carries, and an adapter none of whose names is present is skipped. That pass replaces a linear property search per
/// adapter and per name, which grew with every adapter added.
/// </remarks>
public sealed class AdapterRegistry
{
    private readonly Dictionary<string, ISourceAdapter> _byFormat;
    private readonly ISourceAdapter[] _adapters;

    // The signature names (at most 64), each with its bit, grouped by UTF-8 length for the one-pass lookup.
    private readonly (byte[] Name, ulong Bit)[][] _namesByLength;
    private readonly ulong[] _adapterMasks;

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

        var bits = new Dictionary<string, ulong>(StringComparer.Ordinal);
        _adapterMasks = new ulong[_adapters.Length];
        for (var i = 0; i < _adapters.Length; i++)
        {
            foreach (var name in _adapters[i].Signature)
            {
                if (!bits.TryGetValue(name, out var bit))
                {
                    if (bits.Count == 64)
                    {
                        throw new ArgumentException("The adapters' signatures name more than 64 properties.", nameof(adapters));
                    }

                    bit = 1UL << bits.Count;
                    bits[name] = bit;
                }

                _adapterMasks[i] |= bit;
            }
        }

        var longest = bits.Keys.Select(Encoding.UTF8.GetByteCount).DefaultIfEmpty(0).Max();
        _namesByLength = new (byte[], ulong)[longest + 1][];
        for (var length = 0; length <= longest; length++)
        {
            _namesByLength[length] = [.. bits.Where(b => Encoding.UTF8.GetByteCount(b.Key) == length)
                .Select(b => (Encoding.UTF8.GetBytes(b.Key), b.Value))];
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

        var present = root.ValueKind == JsonValueKind.Object ? SignatureNamesIn(root) : 0UL;
        ISourceAdapter? match = null;
        for (var i = 0; i < _adapters.Length; i++)
        {
            var adapter = _adapters[i];
            if ((_adapterMasks[i] != 0 && (_adapterMasks[i] & present) == 0) || !adapter.Matches(root))
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

    /// <summary>The bits of the signature names among <paramref name="root"/>'s top-level properties, in one pass.</summary>
    private ulong SignatureNamesIn(JsonElement root)
    {
        var present = 0UL;
        foreach (var property in root.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (raw.Contains((byte)'\\'))
            {
                // An escaped name: compare its unescaped form, as TryGetProperty does.
                present |= Lookup(Encoding.UTF8.GetBytes(property.Name));
            }
            else
            {
                present |= Lookup(raw);
            }
        }

        return present;
    }

    private ulong Lookup(ReadOnlySpan<byte> name)
    {
        if (name.Length >= _namesByLength.Length)
        {
            return 0;
        }

        foreach (var (candidate, bit) in _namesByLength[name.Length])
        {
            if (name.SequenceEqual(candidate))
            {
                return bit;
            }
        }

        return 0;
    }
}

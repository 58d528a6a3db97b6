using System.Security.Cryptography;
using System.Text;

namespace CxServerless.Domain.Ingestion.Privacy;

/// <summary>
/// Turns identifiers of people into HMAC-SHA256 pseudonyms keyed by a secret (setting <c>CxPseudonymKey</c>). E-mail
/// addresses and phone numbers are normalised first and are not scoped by source, so the same customer gets the same
/// key on every channel; account ids are scoped by their source system. Every pseudonym names the key that made it
/// (<c>c-k1-…</c>, setting <c>CxPseudonymKeyId</c>), so that a key can be rotated and old and new pseudonyms told apart.
/// </summary>
public sealed class Pseudonymizer : IDisposable
{
    /// <summary>The shortest key accepted, in bytes.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>The key id when none is configured: the first key.</summary>
    public const string DefaultKeyId = "k1";

    private readonly string _keyId;

    private const int CacheCapacity = 50_000;

    private readonly ThreadLocal<IncrementalHash> _hmac;

    // Agents and returning customers recur; remembering recent pseudonyms (in process memory only) saves most HMACs.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates a pseudonymizer with the given secret key (at least 32 bytes) and its id (<c>k1</c> unless given).</summary>
    public Pseudonymizer(byte[] key, string keyId = DefaultKeyId)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"The pseudonym key must be at least {MinimumKeyBytes} bytes.", nameof(key));
        }

        if (!IsValidKeyId(keyId))
        {
            throw new ArgumentException("The key id must be 1 to 8 lower-case letters and digits, starting with a letter.", nameof(keyId));
        }

        _keyId = keyId;

        byte[] copy = [.. key];

        // One reusable HMAC per thread: several times faster than a one-shot HMAC per call, which rebuilds its context.
        _hmac = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, copy), trackAllValues: true);
    }

    /// <summary>The id of the key, written into every pseudonym (<c>c-{KeyId}-…</c>).</summary>
    public string KeyId => _keyId;

    /// <summary>True for a key id of 1 to 8 lower-case ASCII letters and digits starting with a letter (<c>k1</c>, <c>k2</c>).</summary>
    public static bool IsValidKeyId(string? keyId) =>
        keyId is { Length: >= 1 and <= 8 } && char.IsAsciiLetterLower(keyId[0]) &&
        keyId.AsSpan().IndexOfAnyExcept(KeyIdCharacters) < 0;

    private static readonly System.Buffers.SearchValues<char> KeyIdCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789");

    /// <summary>Releases the per-thread HMAC instances.</summary>
    public void Dispose()
    {
        foreach (var hmac in _hmac.Values)
        {
            hmac.Dispose();
        }

        _hmac.Dispose();
    }

    /// <summary>The customer key for an identifier: <c>c-</c>, the key id, <c>-</c> and 32 hex characters.</summary>
    public string Customer(CustomerIdentifier identifier, string sourceSystem)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return Hash("c-", Canonical(identifier, sourceSystem));
    }

    /// <summary>The agent key for an agent id at a source: <c>a-{key id}-</c> plus 32 hex characters.</summary>
    public string Agent(string agentId, string sourceSystem) => Hash("a-", $"agent:{sourceSystem}:{agentId.Trim()}");

    /// <summary>A stand-in for an identifier that itself contains personal data (for example an e-mail used as a ticket id).</summary>
    public string Identifier(string value, string sourceSystem) => Hash("p-", $"id:{sourceSystem}:{value.Trim()}");

    /// <summary>The normalised form that is hashed: lower-case e-mail, E.164-like phone digits, or a source-scoped account id.</summary>
    public static string Canonical(CustomerIdentifier identifier, string sourceSystem)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return identifier.Kind switch
        {
            IdentifierKind.Email => "email:" + identifier.Value.Trim().ToLowerInvariant(),
            IdentifierKind.Phone => "phone:" + NormalisePhone(identifier.Value),
            _ => $"account:{sourceSystem}:{identifier.Value.Trim()}",
        };
    }

    /// <summary>Keeps a leading '+' (or turns a leading 00 into '+') and the digits; separators and spaces go.</summary>
    public static string NormalisePhone(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var trimmed = phone.Trim();
        var builder = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
        {
            if (char.IsAsciiDigit(c))
            {
                builder.Append(c);
            }
        }

        var digits = builder.ToString();
        if (trimmed.StartsWith('+'))
        {
            return "+" + digits;
        }

        return digits.StartsWith("00", StringComparison.Ordinal) ? "+" + digits[2..] : digits;
    }

    private string Hash(string prefix, string canonical)
    {
        // The canonical form starts with its kind (email:, phone:, agent:, id:…), so one cache serves every prefix.
        if (_cache.TryGetValue(canonical, out var known))
        {
            return known;
        }

        if (_cache.Count >= CacheCapacity)
        {
            _cache.Clear();
        }

        var pseudonym = $"{prefix}{_keyId}-{ComputeHash(canonical)}";
        _cache[canonical] = pseudonym;
        return pseudonym;
    }

    private string ComputeHash(string canonical)
    {
        var hmac = _hmac.Value!;
        var max = Encoding.UTF8.GetMaxByteCount(canonical.Length);
        Span<byte> buffer = max <= 1024 ? stackalloc byte[max] : new byte[max];
        hmac.AppendData(buffer[..Encoding.UTF8.GetBytes(canonical, buffer)]);
        Span<byte> mac = stackalloc byte[32];
        hmac.GetHashAndReset(mac);
        return Convert.ToHexStringLower(mac[..16]);
    }
}

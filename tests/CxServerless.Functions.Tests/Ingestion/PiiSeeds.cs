using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;

namespace CxServerless.Functions.Tests.Ingestion;

/// <summary>Personal values unique to one test run: valid card numbers (Luhn) and IBANs (mod 97), phones, e-mails, SSNs.</summary>
internal sealed class PiiSeeds
{
    public string Email { get; } = $"Cust.{Token()}@Example-{Token()}.org";

    public string Email2 { get; } = $"{Token()}.buyer@mail.example.com";

    public string PhoneIntl { get; } = $"+44 20 7{Digits(3)} {Digits(4)}";

    public string PhoneNanp { get; } = $"(415) 555-{Digits(4)}";

    public string Card { get; } = Group(LuhnCard(), 4);

    public string Iban { get; } = Group(GbIban(), 4);

    public string Ssn { get; } = $"{RandomNumberGenerator.GetInt32(100, 900)}-{Digits(2)}-{Digits(4)}";

    /// <summary>Every seed with the forms it may take in storage: as written, and compacted (separators removed).</summary>
    public IEnumerable<(string Name, string Value)> Needles()
    {
        foreach (var (name, value) in new[] { ("email", Email), ("email2", Email2), ("phone", PhoneIntl), ("nanp", PhoneNanp), ("card", Card), ("iban", Iban), ("ssn", Ssn) })
        {
            yield return (name, value);
            yield return (name + " compact", Compact(value));
        }
    }

    /// <summary>Removes spaces, dashes, dots, parentheses and a leading plus, and lower-cases: how a scanner sees a value.</summary>
    public static string Compact(string value) =>
        new string([.. value.Where(c => c is not (' ' or '-' or '.' or '(' or ')' or '+'))]).ToLowerInvariant();

    public string Text() =>
        $"Hi, I'm reachable at {Email} or {PhoneIntl} / {PhoneNanp}. Card {Card}, IBAN {Iban}, SSN {Ssn}. Also {Email2}.";

    private static string Token() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));

    private static string Digits(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => RandomNumberGenerator.GetInt32(0, 10).ToString(CultureInfo.InvariantCulture)));

    private static string Group(string value, int size) => string.Join(' ', value.Chunk(size).Select(c => new string(c)));

    private static string LuhnCard()
    {
        var body = "4" + Digits(14);
        for (var check = 0; check < 10; check++)
        {
            var candidate = body + check.ToString(CultureInfo.InvariantCulture);
            if (Domain.Ingestion.Privacy.Checksums.IsLuhnValid(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("unreachable");
    }

    private static string GbIban()
    {
        var bban = "WEST" + Digits(14);
        // Check digits: 98 - (BBAN + "GB00" as digits) mod 97.
        var rearranged = bban + "GB00";
        var numeric = string.Concat(rearranged.Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(CultureInfo.InvariantCulture)));
        var check = 98 - (int)(BigInteger.Parse(numeric, CultureInfo.InvariantCulture) % 97);
        return $"GB{check:D2}{bban}";
    }
}

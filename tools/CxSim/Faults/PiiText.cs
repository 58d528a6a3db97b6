using System.Globalization;
using System.Text;
using CxSim.Generation;

namespace CxSim.Faults;

/// <summary>
/// Sentences with realistic personal data: e-mail addresses, phone numbers, Luhn-valid card numbers and valid IBANs.
/// All values are synthetic (reserved example domains, fictional number ranges) but pass the checks a masker uses.
/// </summary>
public static class PiiText
{
    private static readonly string[] FirstNames = ["anna", "ben", "chloe", "david", "emma", "farid", "grace", "hugo", "ines", "jonas"];
    private static readonly string[] Domains = ["example.com", "example.org", "mail.example.net", "example.co.uk"];

    /// <summary>A sentence that carries one or two kinds of personal data, and which kinds it carries.</summary>
    public static (string Text, PiiKinds Kinds) Sentence(SimRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.Next(6) switch
        {
            0 => ($"Please reach me at {Email(random)} about this.", PiiKinds.Email),
            1 => ($"Call me back on {Phone(random)} after 5pm.", PiiKinds.Phone),
            2 => ($"My card {CardNumber(random)} was charged twice.", PiiKinds.CardNumber),
            3 => ($"Refund it to {Iban(random)} please.", PiiKinds.Iban),
            4 => ($"I'm {Email(random)}, phone {Phone(random)}.", PiiKinds.Email | PiiKinds.Phone),
            _ => ($"Card {CardNumber(random)} or IBAN {Iban(random)}, whichever is quicker.", PiiKinds.CardNumber | PiiKinds.Iban),
        };
    }

    /// <summary>An e-mail address at a reserved example domain.</summary>
    public static string Email(SimRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var name = random.Pick(FirstNames);
        return string.Create(CultureInfo.InvariantCulture, $"{name}.{random.Between(10, 9999)}@{random.Pick(Domains)}");
    }

    /// <summary>A phone number in one of several national formats (fictional ranges).</summary>
    public static string Phone(SimRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var i = CultureInfo.InvariantCulture;
        return random.Next(4) switch
        {
            0 => string.Create(i, $"+44 7700 900{random.Between(100, 999)}"),
            1 => string.Create(i, $"(212) 555-{random.Between(1000, 1999)}"),
            2 => string.Create(i, $"+49 30 {random.Between(1000000, 9999999)}"),
            _ => string.Create(i, $"+1-415-555-{random.Between(1000, 1999)}"),
        };
    }

    /// <summary>A 16-digit card number with a valid Luhn check digit, in groups of four.</summary>
    public static string CardNumber(SimRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var digits = new int[16];
        digits[0] = random.Chance(0.5) ? 4 : 5;
        for (var k = 1; k < 15; k++)
        {
            digits[k] = random.Next(10);
        }

        digits[15] = LuhnCheckDigit(digits.AsSpan(0, 15));
        var text = string.Concat(digits.Select(d => (char)('0' + d)));
        var separator = random.Chance(0.5) ? " " : "-";
        return string.Join(separator, text[..4], text[4..8], text[8..12], text[12..]);
    }

    /// <summary>A German IBAN (22 characters) with valid ISO 7064 mod 97-10 check digits, printed in groups.</summary>
    public static string Iban(SimRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var bban = new StringBuilder(18);
        for (var k = 0; k < 18; k++)
        {
            bban.Append((char)('0' + random.Next(10)));
        }

        // Check digits: 98 − (BBAN + "DE00" with letters as numbers, D = 13, E = 14) mod 97.
        var remainder = Mod97(bban + "131400");
        var iban = string.Create(CultureInfo.InvariantCulture, $"DE{98 - remainder:D2}{bban}");
        return string.Join(
            ' ',
            Enumerable.Range(0, (iban.Length + 3) / 4).Select(g => iban.Substring(g * 4, Math.Min(4, iban.Length - (g * 4)))));
    }

    private static int LuhnCheckDigit(ReadOnlySpan<int> payload)
    {
        var sum = 0;
        for (var k = 0; k < payload.Length; k++)
        {
            // Double every second digit counting from the right of the full number, whose last digit is the check digit.
            var d = payload[payload.Length - 1 - k];
            if (k % 2 == 0)
            {
                d *= 2;
                d = d > 9 ? d - 9 : d;
            }

            sum += d;
        }

        return (10 - (sum % 10)) % 10;
    }

    private static int Mod97(string digits)
    {
        var remainder = 0;
        foreach (var c in digits)
        {
            remainder = ((remainder * 10) + (c - '0')) % 97;
        }

        return remainder;
    }
}

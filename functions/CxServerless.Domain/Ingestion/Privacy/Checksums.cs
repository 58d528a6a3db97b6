namespace CxServerless.Domain.Ingestion.Privacy;

/// <summary>The check-digit algorithms that tell a card number or IBAN from any other run of digits.</summary>
public static class Checksums
{
    /// <summary>True when <paramref name="digits"/> (digits only) passes the Luhn mod-10 check used by payment cards.</summary>
    public static bool IsLuhnValid(ReadOnlySpan<char> digits)
    {
        if (digits.Length < 2)
        {
            return false;
        }

        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var c = digits[i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            var d = c - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>
    /// True when <paramref name="text"/> (spaces allowed) is an IBAN of 15 to 34 characters whose ISO 13616 mod-97 remainder is 1.
    /// </summary>
    public static bool IsValidIban(ReadOnlySpan<char> text)
    {
        Span<char> compact = stackalloc char[34];
        var length = 0;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                continue;
            }

            if (length == 34 || !(char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)))
            {
                return false;
            }

            compact[length++] = c;
        }

        if (length < 15 || !char.IsAsciiLetterUpper(compact[0]) || !char.IsAsciiLetterUpper(compact[1]) ||
            !char.IsAsciiDigit(compact[2]) || !char.IsAsciiDigit(compact[3]))
        {
            return false;
        }

        // Move the first four characters to the end, map letters to 10..35, and reduce mod 97 as we go.
        var remainder = 0;
        for (var i = 0; i < length; i++)
        {
            var c = compact[(i + 4) % length];
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = value >= 10 ? ((remainder * 100) + value) % 97 : ((remainder * 10) + value) % 97;
        }

        return remainder == 1;
    }
}

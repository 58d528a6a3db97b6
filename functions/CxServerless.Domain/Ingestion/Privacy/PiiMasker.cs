using System.Text;
using System.Text.RegularExpressions;

namespace CxServerless.Domain.Ingestion.Privacy;

/// <summary>
/// Masks personal data inside free text: e-mail addresses, telephone numbers, payment card numbers (Luhn-checked),
/// IBANs (mod-97-checked) and national ids (US SSN, UK National Insurance number). Each match becomes a token such as
/// <c>[email]</c>. Every pattern runs in linear time (non-backtracking), so hostile text cannot stall the pipeline.
/// </summary>
public static partial class PiiMasker
{
    /// <summary>The token that replaces an e-mail address.</summary>
    public const string EmailToken = "[email]";

    /// <summary>The token that replaces a telephone number.</summary>
    public const string PhoneToken = "[phone]";

    /// <summary>The token that replaces a payment card number.</summary>
    public const string CardToken = "[card]";

    /// <summary>The token that replaces an IBAN.</summary>
    public const string IbanToken = "[iban]";

    /// <summary>The token that replaces a national id.</summary>
    public const string NationalIdToken = "[national-id]";

    /// <summary>Masks every recognised personal value in <paramref name="text"/>. Returns the same instance when nothing matches.</summary>
    public static string Mask(string text) => Mask(text, identifier: false);

    /// <summary>
    /// Masks a raw body for quarantine. JSON writers escape characters (<c>+</c> often becomes <c>\u002B</c>, <c>@</c> may
    /// become <c>\u0040</c>), which would hide a value from the patterns, so printable ASCII escapes are decoded first.
    /// </summary>
    public static string MaskPayload(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var decoded = body.Contains("\\u", StringComparison.Ordinal) ? UnicodeEscapePattern().Replace(body, DecodeEscape) : body;
        return Mask(WellFormed(decoded));
    }

    /// <summary>Replaces unpaired surrogates with U+FFFD, so that the text can be written as UTF-8 (storage, logs).</summary>
    public static string WellFormed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        char[]? copy = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                copy ??= text.ToCharArray();
                copy[i] = '\uFFFD';
            }
        }

        return copy is null ? text : new string(copy);
    }

    /// <summary>
    /// True when an identifier (ticket id, queue name) carries personal data. Identifiers are often long digit strings,
    /// so a bare run of digits counts as a phone number only when written like one (a leading '+' or separators).
    /// </summary>
    public static bool IdentifierContainsPii(string value) =>
        MightContainPii(value) && !string.Equals(Mask(value, identifier: true), value, StringComparison.Ordinal);

    private static string Mask(string text, bool identifier)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!MightContainPii(text))
        {
            return text;
        }

        var masked = text;
        if (masked.Contains('@', StringComparison.Ordinal))
        {
            masked = EmailPattern().Replace(masked, EmailToken);
        }

        masked = IbanPattern().Replace(masked, MaskIban);
        masked = NinoPattern().Replace(masked, NationalIdToken);
        return DigitRunPattern().Replace(masked, identifier ? MaskIdentifierDigitRun : MaskTextDigitRun);
    }

    /// <summary>True when <paramref name="text"/> holds an '@' or at least six digits: the cheap test before any pattern runs.</summary>
    public static bool MightContainPii(ReadOnlySpan<char> text)
    {
        if (text.Contains('@'))
        {
            return true;
        }

        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) && ++digits >= 6)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the text contains a value <see cref="Mask(string)"/> would replace.</summary>
    public static bool ContainsPii(string text) => !string.Equals(Mask(text), text, StringComparison.Ordinal);

    private static string MaskIban(Match match)
    {
        // The pattern is greedy; the IBAN may be a prefix of the match (a following upper-case word), so try shorter ends.
        var value = match.Value;
        for (var end = value.Length; end >= 15; end--)
        {
            if (value[end - 1] != ' ' && Checksums.IsValidIban(value.AsSpan(0, end)))
            {
                return string.Concat(IbanToken, value.AsSpan(end));
            }
        }

        return value;
    }

    private static string MaskTextDigitRun(Match match) => MaskDigitRun(match, identifier: false);

    private static string MaskIdentifierDigitRun(Match match) => MaskDigitRun(match, identifier: true);

    private static string MaskDigitRun(Match match, bool identifier)
    {
        var run = match.Value.TrimEnd(' ', '-', '.', '(');
        var tail = match.Value[run.Length..];
        var groups = DigitGroups(run);
        var digits = string.Concat(groups);
        if (IsCard(digits))
        {
            return CardToken + tail;
        }

        if (IsSocialSecurityNumber(run))
        {
            return NationalIdToken + tail;
        }

        if (IsPhone(run, digits, groups) && !(identifier && groups.Count == 1 && !run.StartsWith('+')))
        {
            return PhoneToken + tail;
        }

        return MaskCardInside(run, groups) + tail;
    }

    private static string MaskCardInside(string run, List<string> groups)
    {
        // A card number may sit inside a longer run ("ref 12 4111 1111 1111 1111"): try each window of whole groups.
        for (var start = 0; start < groups.Count; start++)
        {
            var builder = new StringBuilder();
            for (var end = start; end < groups.Count; end++)
            {
                builder.Append(groups[end]);
                if (builder.Length > 19)
                {
                    break;
                }

                if (IsCard(builder.ToString()))
                {
                    return MaskGroups(run, start, end);
                }
            }
        }

        return run;
    }

    private static string MaskGroups(string run, int firstGroup, int lastGroup)
    {
        var builder = new StringBuilder();
        var group = -1;
        var inGroup = false;
        var masked = false;
        foreach (var c in run)
        {
            if (char.IsAsciiDigit(c))
            {
                if (!inGroup)
                {
                    group++;
                    inGroup = true;
                }

                if (group >= firstGroup && group <= lastGroup)
                {
                    if (!masked)
                    {
                        builder.Append(CardToken);
                        masked = true;
                    }

                    continue;
                }
            }
            else
            {
                inGroup = false;
                if (group >= firstGroup && group < lastGroup)
                {
                    continue;
                }
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static List<string> DigitGroups(string run)
    {
        var groups = new List<string>();
        var start = -1;
        for (var i = 0; i <= run.Length; i++)
        {
            var isDigit = i < run.Length && char.IsAsciiDigit(run[i]);
            if (isDigit && start < 0)
            {
                start = i;
            }
            else if (!isDigit && start >= 0)
            {
                groups.Add(run[start..i]);
                start = -1;
            }
        }

        return groups;
    }

    private static bool IsCard(string digits) => digits.Length is >= 13 and <= 19 && Checksums.IsLuhnValid(digits);

    private static bool IsSocialSecurityNumber(string run) =>
        run.Length == 11 && run[3] == '-' && run[6] == '-' && run.Replace("-", string.Empty, StringComparison.Ordinal).All(char.IsAsciiDigit);

    private static bool IsPhone(string run, string digits, List<string> groups)
    {
        var n = digits.Length;
        if (run.StartsWith('+'))
        {
            return n is >= 8 and <= 15;
        }

        if (digits.StartsWith('0') && !digits.StartsWith("00", StringComparison.Ordinal))
        {
            return n is 10 or 11 && groups[0].Length <= 5;
        }

        if (digits.StartsWith("00", StringComparison.Ordinal))
        {
            return n is >= 10 and <= 17;
        }

        // North American numbers: (415) 555-0132, 415-555-0132, 4155550132, 1 415 555 0132.
        var shape = string.Join(',', groups.Select(g => g.Length));
        return (n == 10 && digits[0] is >= '2' and <= '9' && shape is "10" or "3,3,4") ||
               (n == 11 && digits[0] == '1' && shape is "1,3,3,4");
    }

    private static string DecodeEscape(Match match)
    {
        var code = int.Parse(match.Groups[1].ValueSpan, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

        // Quotes, backslashes and control characters stay escaped so that valid JSON stays valid JSON.
        return code is >= 0x20 and < 0x7F and not '"' and not '\\' ? ((char)code).ToString() : match.Value;
    }

    [GeneratedRegex(@"\\u([0-9A-Fa-f]{4})", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex UnicodeEscapePattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex IbanPattern();

    [GeneratedRegex(@"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D]\b", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex NinoPattern();

    [GeneratedRegex(@"\+?\(?[0-9][0-9 ().\-]{5,40}[0-9]\)?", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex DigitRunPattern();
}

using System.Text;
using System.Text.RegularExpressions;

namespace CxServerless.Domain.Ingestion.Privacy;

/// <summary>
/// Masks personal data inside free text: e-mail addresses, telephone numbers, payment card numbers (Luhn-checked),
/// IBANs (mod-97-checked) and national ids (US SSN, UK National Insurance number). Each match becomes a token such as
/// <c>[email]</c>. One forward scan with bounded look-ahead: linear in the text, so hostile input cannot stall the pipeline.
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
        if (!MightContainPii(text))
        {
            return text;
        }

        var output = new Output(text);
        var emails = EmailSpans(text);
        var next = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (next < emails.Count && i == emails[next].Start)
            {
                output.Replace(i, emails[next].End, EmailToken);
                i = emails[next++].End;
                continue;
            }

            var limit = next < emails.Count ? emails[next].Start : text.Length;
            if (char.IsAsciiLetterUpper(text[i]) && AtWordStart(text, i))
            {
                if (TryIban(text, i, limit, out var end))
                {
                    output.Replace(i, end, IbanToken);
                    i = end;
                    continue;
                }

                if (TryNino(text, i, limit, out end))
                {
                    output.Replace(i, end, NationalIdToken);
                    i = end;
                    continue;
                }
            }

            if (TryDigitRun(text, i, limit, out var runEnd))
            {
                if (ClassifyRun(text[i..runEnd], identifier) is { } replacement)
                {
                    output.Replace(i, runEnd, replacement);
                }

                i = runEnd;
                continue;
            }

            i++;
        }

        return output.Result();
    }

    /// <summary>Builds the masked text lazily: nothing is copied until the first replacement.</summary>
    private sealed class Output(string text)
    {
        private StringBuilder? _builder;
        private int _copied;

        public void Replace(int start, int end, string token)
        {
            _builder ??= new StringBuilder(text.Length);
            _builder.Append(text, _copied, start - _copied).Append(token);
            _copied = end;
        }

        public string Result() => _builder is null ? text : _builder.Append(text, _copied, text.Length - _copied).ToString();
    }

    private static bool AtWordStart(string text, int i) => i == 0 || !char.IsAsciiLetterOrDigit(text[i - 1]);

    /// <summary>E-mail addresses: a local part, '@', and a domain whose last label has two or more letters.</summary>
    private static List<(int Start, int End)> EmailSpans(string text)
    {
        var spans = new List<(int, int)>();
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var floor = 0;
        while (at >= 0)
        {
            var left = at;
            while (left > floor && (char.IsAsciiLetterOrDigit(text[left - 1]) || text[left - 1] is '.' or '_' or '%' or '+' or '-'))
            {
                left--;
            }

            var right = at + 1;
            while (right < text.Length && (char.IsAsciiLetterOrDigit(text[right]) || text[right] is '.' or '-'))
            {
                right++;
            }

            while (right > at + 1 && text[right - 1] is '.' or '-')
            {
                right--;
            }

            var domain = text.AsSpan(at + 1, right - at - 1);
            var dot = domain.LastIndexOf('.');
            var tld = dot < 0 ? default : domain[(dot + 1)..];
            if (left < at && dot > 0 && tld.Length >= 2 && !tld.ContainsAnyExcept(AsciiLetters) && char.IsAsciiLetterOrDigit(domain[0]))
            {
                spans.Add((left, right));
                floor = right;
            }

            at = text.IndexOf('@', Math.Max(at + 1, floor));
        }

        return spans;
    }

    private static readonly System.Buffers.SearchValues<char> AsciiLetters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>An IBAN at <paramref name="i"/>: two letters, two digits, then letters and digits (single spaces allowed), 15 to 34 in all, mod-97 valid.</summary>
    private static bool TryIban(string text, int i, int limit, out int end)
    {
        end = i;
        if (i + 3 >= limit || !char.IsAsciiLetterUpper(text[i + 1]) || !char.IsAsciiDigit(text[i + 2]) || !char.IsAsciiDigit(text[i + 3]))
        {
            return false;
        }

        Span<int> ends = stackalloc int[35];
        var count = 0;
        var j = i;
        while (j < limit && count < 34)
        {
            if (text[j] == ' ' && j + 1 < limit && j > i && text[j - 1] != ' ')
            {
                j++;
                continue;
            }

            if (!(char.IsAsciiLetterUpper(text[j]) || char.IsAsciiDigit(text[j])))
            {
                break;
            }

            ends[++count] = ++j;
        }

        for (var n = count; n >= 15; n--)
        {
            if (Checksums.IsValidIban(text.AsSpan(i, ends[n] - i)))
            {
                end = ends[n];
                return true;
            }
        }

        return false;
    }

    /// <summary>A UK National Insurance number at <paramref name="i"/>: AB 12 34 56 C (spaces optional).</summary>
    private static bool TryNino(string text, int i, int limit, out int end)
    {
        end = i;
        if (i + 1 >= limit || !"ABCEGHJKLMNOPRSTWXYZ".Contains(text[i], StringComparison.Ordinal) ||
            !"ABCEGHJKLMNPRSTWXYZ".Contains(text[i + 1], StringComparison.Ordinal))
        {
            return false;
        }

        var j = i + 2;
        for (var pair = 0; pair < 3; pair++)
        {
            if (j < limit && text[j] == ' ')
            {
                j++;
            }

            if (j + 1 >= limit || !char.IsAsciiDigit(text[j]) || !char.IsAsciiDigit(text[j + 1]))
            {
                return false;
            }

            j += 2;
        }

        if (j < limit && text[j] == ' ')
        {
            j++;
        }

        if (j >= limit || text[j] is < 'A' or > 'D' || (j + 1 < text.Length && char.IsAsciiLetterOrDigit(text[j + 1])))
        {
            return false;
        }

        end = j + 1;
        return true;
    }

    /// <summary>
    /// A run that may be a phone, card or id number: an optional '+' and '(', a digit, then digits, spaces, dots, dashes
    /// and parentheses, ending on a digit (and a closing parenthesis), at least 7 characters from the first digit.
    /// </summary>
    private static bool TryDigitRun(string text, int i, int limit, out int end)
    {
        end = i;
        var j = i;
        if (j < limit && text[j] == '+')
        {
            j++;
        }

        if (j < limit && text[j] == '(')
        {
            j++;
        }

        if (j >= limit || !char.IsAsciiDigit(text[j]))
        {
            return false;
        }

        var first = j;
        var max = Math.Min(limit, first + 42);
        var last = first;
        for (j = first + 1; j < max && (char.IsAsciiDigit(text[j]) || text[j] is ' ' or '(' or ')' or '.' or '-'); j++)
        {
            if (char.IsAsciiDigit(text[j]))
            {
                last = j;
            }
        }

        if (last - first + 1 < 7)
        {
            return false;
        }

        end = last + 1 < limit && text[last + 1] == ')' ? last + 2 : last + 1;
        return true;
    }

    /// <summary>The replacement for a digit run, or null when it is not personal data.</summary>
    private static string? ClassifyRun(string run, bool identifier)
    {
        Span<char> digitBuffer = stackalloc char[48];
        Span<int> groupLengths = stackalloc int[48];
        var digitCount = 0;
        var groupCount = 0;
        var inGroup = false;
        foreach (var c in run)
        {
            if (char.IsAsciiDigit(c))
            {
                digitBuffer[digitCount++] = c;
                if (!inGroup)
                {
                    groupCount++;
                    inGroup = true;
                }

                groupLengths[groupCount - 1]++;
            }
            else
            {
                inGroup = false;
            }
        }

        ReadOnlySpan<char> digits = digitBuffer[..digitCount];
        if (digitCount is >= 13 and <= 19 && Checksums.IsLuhnValid(digits))
        {
            return CardToken;
        }

        if (IsSocialSecurityNumber(run))
        {
            return NationalIdToken;
        }

        if (IsPhone(run, digits, groupLengths[..groupCount]) && !(identifier && groupCount == 1 && !run.StartsWith('+')))
        {
            return PhoneToken;
        }

        // A card number may sit inside a longer run ("ref 12 4111 1111 1111 1111"); only runs of 13+ digits can hold one.
        if (digitCount < 13)
        {
            return null;
        }

        var inside = MaskCardInside(run, DigitGroups(run));
        return ReferenceEquals(inside, run) ? null : inside;
    }

    /// <summary>True when <paramref name="text"/> holds an '@' or at least six digits: the cheap test before any scan.</summary>
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

    private static bool IsPhone(string run, ReadOnlySpan<char> digits, ReadOnlySpan<int> groups)
    {
        var n = digits.Length;
        if (n == 0)
        {
            return false;
        }

        if (run.StartsWith('+'))
        {
            return n is >= 8 and <= 15;
        }

        if (digits.StartsWith("00"))
        {
            return n is >= 10 and <= 17;
        }

        if (digits[0] == '0')
        {
            return n is 10 or 11 && groups[0] <= 5;
        }

        // North American numbers: (415) 555-0132, 415-555-0132, 4155550132, 1 415 555 0132.
        return (n == 10 && digits[0] is >= '2' and <= '9' && (groups is [10] or [3, 3, 4])) ||
               (n == 11 && digits[0] == '1' && groups is [1, 3, 3, 4]);
    }

    private static string DecodeEscape(Match match)
    {
        var code = int.Parse(match.Groups[1].ValueSpan, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

        // Quotes, backslashes and control characters stay escaped so that valid JSON stays valid JSON.
        return code is >= 0x20 and < 0x7F and not '"' and not '\\' ? ((char)code).ToString() : match.Value;
    }

    [GeneratedRegex(@"\\u([0-9A-Fa-f]{4})", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex UnicodeEscapePattern();
}

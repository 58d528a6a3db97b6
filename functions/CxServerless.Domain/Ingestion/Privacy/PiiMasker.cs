using System.Text;
using System.Text.RegularExpressions;

namespace CxServerless.Domain.Ingestion.Privacy;

/// <summary>
/// Masks personal data inside free text: e-mail addresses, telephone numbers (national numbers without separators
/// included), payment card numbers (Luhn-checked), IBANs (mod-97-checked, any case, spaced), national ids (US SSN,
/// UK National Insurance number), IPv4 and IPv6 addresses, UK postal addresses (a street line up to its postcode),
/// dates of birth (a date next to a birth cue) and names introduced by a cue ("my name is …"). Each match becomes a
/// token such as <c>[email]</c>. The categories follow Microsoft Presidio's recognisers. A forward scan with bounded
/// look-ahead plus non-backtracking patterns: linear in the text, so hostile input cannot stall the pipeline.
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

    /// <summary>The token that replaces an IPv4 or IPv6 address.</summary>
    public const string IpToken = "[ip]";

    /// <summary>The token that replaces a postal address (street line to postcode).</summary>
    public const string AddressToken = "[address]";

    /// <summary>The token that replaces a date of birth.</summary>
    public const string DateOfBirthToken = "[dob]";

    /// <summary>The token that replaces a person's name.</summary>
    public const string NameToken = "[name]";

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
        return Mask(DropNameFields(WellFormed(decoded)));
    }

    /// <summary>
    /// Replaces the string value of every JSON property that names a person (<c>name</c>, <c>firstName</c>,
    /// <c>lastName</c>, <c>displayName</c>, <c>worker_name</c>, <c>CustomerName</c>…, at any depth) with
    /// <c>"[name]"</c>, and then every other occurrence of those names in the body (a description that repeats the
    /// worker's name). Works on text, so a body that is not valid JSON loses its names too. Names of things
    /// (<c>queueName</c>, <c>entityName</c>, <c>topicName</c>) stay.
    /// </summary>
    public static string DropNameFields(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!json.Contains("ame\"", StringComparison.OrdinalIgnoreCase))
        {
            return json;
        }

        var names = new List<string>();
        var dropped = NameFieldPattern().Replace(json, match => DropName(match, names));
        foreach (var name in names.Distinct(StringComparer.Ordinal).OrderByDescending(n => n.Length).Take(64))
        {
            dropped = dropped.Replace(name, NameToken, StringComparison.Ordinal);
        }

        return dropped;
    }

    private static readonly HashSet<string> PersonNameKeys = new(StringComparer.Ordinal)
    {
        "name", "firstname", "lastname", "middlename", "fullname", "displayname", "givenname", "familyname", "surname", "nickname",
        "username", "sendername", "senderdisplayname", "recipientname", "recipientdisplayname", "authorname", "workername",
        "agentname", "customername", "contactname", "callername", "requestername", "respondentname", "submittername",
        "assigneename", "participantname", "suppliedname", "personname", "partyname", "accountname",
    };

    private static string DropName(Match match, List<string> names)
    {
        Span<char> key = stackalloc char[64];
        var n = 0;
        foreach (var c in match.Groups["key"].ValueSpan)
        {
            if (c is '_' or '-')
            {
                continue;
            }

            if (n == key.Length)
            {
                return match.Value;
            }

            key[n++] = char.ToLowerInvariant(c);
        }

        var normalised = key[..n];
        var person = PersonNameKeys.GetAlternateLookup<ReadOnlySpan<char>>().Contains(normalised) ||
            normalised.EndsWith("firstname") || normalised.EndsWith("lastname") || normalised.EndsWith("fullname") ||
            normalised.EndsWith("displayname") || normalised.EndsWith("customername");
        if (!person)
        {
            return match.Value;
        }

        // Names of three letters or more are also looked for elsewhere in the body; "[name]" itself is not a name.
        var value = match.Groups["value"].Value;
        if (value.Length >= 3 && value != NameToken)
        {
            names.Add(value);
        }

        return $"\"{match.Groups["key"].ValueSpan}\":\"{NameToken}\"";
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
        if (!identifier)
        {
            text = MaskPhrases(text);
        }

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
            if ((char.IsAsciiHexDigit(text[i]) || text[i] == ':') && AtAddressStart(text, i) && TryIpv6(text, i, limit, out var ipEnd))
            {
                output.Replace(i, ipEnd, IpToken);
                i = ipEnd;
                continue;
            }

            if (char.IsAsciiDigit(text[i]) && AtAddressStart(text, i) && TryIpv4(text, i, limit, out ipEnd))
            {
                output.Replace(i, ipEnd, IpToken);
                i = ipEnd;
                continue;
            }

            if ((char.IsAsciiLetterUpper(text[i]) || (!identifier && char.IsAsciiLetterLower(text[i]))) && AtWordStart(text, i))
            {
                if (TryIban(text, i, limit, out var end))
                {
                    output.Replace(i, end, IbanToken);
                    i = end;
                    continue;
                }

                if (char.IsAsciiLetterUpper(text[i]) && TryNino(text, i, limit, out end))
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

    /// <summary>
    /// An IBAN at <paramref name="i"/>: two letters, two digits, then letters and digits (single spaces allowed), exactly
    /// the country's registered length, mod-97 valid. Either case (ISO 13616 prints upper case; people type lower case).
    /// </summary>
    private static bool TryIban(string text, int i, int limit, out int end)
    {
        end = i;
        if (i + 3 >= limit || !char.IsAsciiLetter(text[i + 1]) || !char.IsAsciiDigit(text[i + 2]) || !char.IsAsciiDigit(text[i + 3]))
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

            if (!char.IsAsciiLetterOrDigit(text[j]))
            {
                break;
            }

            ends[++count] = ++j;
        }

        // The country's registered IBAN length (ISO 13616 registry) must match: random letters and digits that happen to
        // pass mod 97 (1 in 97) rarely also have the right length for their prefix.
        Span<char> country = [char.ToUpperInvariant(text[i]), char.ToUpperInvariant(text[i + 1])];
        if (!IbanLengths.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(country, out var length) || count < length)
        {
            return false;
        }

        Span<char> upper = stackalloc char[70];
        var candidate = text.AsSpan(i, ends[length] - i);
        if (candidate.Length > upper.Length || !Checksums.IsValidIban(upper[..candidate.ToUpperInvariant(upper)]))
        {
            return false;
        }

        end = ends[length];
        return true;
    }

    /// <summary>IBAN length per country, from the SWIFT IBAN registry (ISO 13616).</summary>
    private static readonly Dictionary<string, int> IbanLengths = IbanLengthTable(
        "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 EE20 EG29 " +
        "ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 " +
        "LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 " +
        "QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30");

    private static Dictionary<string, int> IbanLengthTable(string table) =>
        table.Split(' ').ToDictionary(
            entry => entry[..2], entry => int.Parse(entry[2..], System.Globalization.CultureInfo.InvariantCulture));

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

    /// <summary>
    /// True when <paramref name="text"/> holds an '@' or at least four digits (the fewest an IPv4 address, a street
    /// line with its postcode or a date of birth can have): the cheap test before any scan.
    /// </summary>
    public static bool MightContainPii(ReadOnlySpan<char> text)
    {
        if (text.Contains('@'))
        {
            return true;
        }

        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) && ++digits >= 4)
            {
                return true;
            }
        }

        return false;
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
        run.Length == 11 && run[3] == '-' && run[6] == '-'
        && run.Replace("-", string.Empty, StringComparison.Ordinal).All(char.IsAsciiDigit);

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
            // National numbers: 020 7946 0958, or written without separators (02079460958, 0612345678).
            return n is 10 or 11 && (groups[0] <= 5 || groups.Length == 1);
        }

        // North American numbers: (415) 555-0132, 415-555-0132, 4155550132, 1 415 555 0132.
        return (n == 10 && digits[0] is >= '2' and <= '9' && (groups is [10] or [3, 3, 4])) ||
               (n == 11 && digits[0] == '1' && groups is [1, 3, 3, 4]);
    }

    /// <summary>Addresses start at a word boundary that is not inside a dotted or colon-separated token.</summary>
    private static bool AtAddressStart(string text, int i) =>
        i == 0 || !(char.IsAsciiLetterOrDigit(text[i - 1]) || text[i - 1] is '.' or ':' or '-');

    /// <summary>
    /// An IPv4 address at <paramref name="i"/>: four dot-separated decimal octets 0–255 (no leading zeros), not part of a
    /// longer dotted number and not a version ("version 1.2.3.4", "v1.2.3.4", "build 10.0.0.1").
    /// </summary>
    private static bool TryIpv4(string text, int i, int limit, out int end)
    {
        end = i;
        var j = i;
        for (var octet = 0; octet < 4; octet++)
        {
            if (octet > 0)
            {
                if (j >= limit || text[j] != '.')
                {
                    return false;
                }

                j++;
            }

            var start = j;
            var value = 0;
            while (j < limit && j - start < 4 && char.IsAsciiDigit(text[j]))
            {
                value = (value * 10) + (text[j++] - '0');
            }

            if (j == start || j - start > 3 || value > 255 || (j - start > 1 && text[start] == '0'))
            {
                return false;
            }
        }

        var longer = j < text.Length &&
            (char.IsAsciiLetterOrDigit(text[j]) || (text[j] == '.' && j + 1 < text.Length && char.IsAsciiDigit(text[j + 1])));
        if (longer)
        {
            return false;
        }

        if (VersionCue().IsMatch(text.AsSpan(Math.Max(0, i - 12), i - Math.Max(0, i - 12))))
        {
            return false;
        }

        end = j;
        return true;
    }

    /// <summary>
    /// An IPv6 address at <paramref name="i"/> (RFC 4291 text forms: full, compressed with <c>::</c>, IPv4-mapped): hex
    /// groups and colons, at least two colons, parsed by <see cref="System.Net.IPAddress"/>. Times (09:14:02), MAC
    /// addresses and ARNs fail the parse or the shape.
    /// </summary>
    private static bool TryIpv6(string text, int i, int limit, out int end)
    {
        end = i;
        var j = i;
        var colons = 0;
        var max = Math.Min(limit, i + 45);
        while (j < max && (char.IsAsciiHexDigit(text[j]) || text[j] is ':' or '.'))
        {
            colons += text[j] == ':' ? 1 : 0;
            j++;
        }

        while (j > i && text[j - 1] is '.' or ':' && !(text[j - 1] == ':' && j - 2 >= i && text[j - 2] == ':'))
        {
            colons -= text[j - 1] == ':' ? 1 : 0;
            j--;
        }

        if (colons < 2 || (j < text.Length && char.IsAsciiLetterOrDigit(text[j])))
        {
            return false;
        }

        var span = text.AsSpan(i, j - i);
        if (!span.Contains("::", StringComparison.Ordinal) && colons != 7 && !(colons == 6 && span.Contains('.')))
        {
            return false;
        }

        if (!System.Net.IPAddress.TryParse(span, out var address) ||
            address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return false;
        }

        end = j;
        return true;
    }

    /// <summary>
    /// The phrase-shaped categories, masked before the scan: UK addresses (a house number and street up to a postcode
    /// within the next 60 characters), dates next to a date-of-birth cue, and names after "my name is", "this is",
    /// "I am". Each is one non-backtracking pattern, tried only when the text holds its cheap marker.
    /// </summary>
    private static string MaskPhrases(string text)
    {
        if (MightContainPii(text) && StreetSuffix().IsMatch(text))
        {
            text = AddressPattern().Replace(text, AddressToken);
        }

        if (MightContainPii(text) && text.AsSpan().ContainsAny(BirthCues))
        {
            text = DateOfBirthPattern().Replace(text, m => m.Groups["cue"].Value + DateOfBirthToken);
        }

        if (text.AsSpan().ContainsAny(NameCues))
        {
            text = IntroducedNamePattern().Replace(text, m => m.Groups["cue"].Value + NameToken);
        }

        return text;
    }

    /// <summary>The cheap markers of <see cref="DateOfBirthPattern"/>'s cues, in one vectorised search.</summary>
    private static readonly System.Buffers.SearchValues<string> BirthCues =
        System.Buffers.SearchValues.Create(["birth", "dob", "d.o.b", "born"], StringComparison.OrdinalIgnoreCase);

    /// <summary>The cheap markers of <see cref="IntroducedNamePattern"/>'s cues ("my name is", "this is", "I am", "I'm").</summary>
    private static readonly System.Buffers.SearchValues<string> NameCues =
        System.Buffers.SearchValues.Create(["name", "this is", "i am", "i'm"], StringComparison.OrdinalIgnoreCase);

    private const string Streets =
        "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Place|Pl|Court|Ct|Crescent|Cres|Gardens|Gdns|Terrace|Grove|" +
        "Square|Sq|Hill|Park|Row|Mews|Walk|Parade|Green|Rise|Vale|View|Wharf|Yard";

    [GeneratedRegex(@"\b(?:" + Streets + @")\b", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex StreetSuffix();

    [GeneratedRegex(
        @"\b\d{1,4}[A-Za-z]?,? (?:[A-Z][A-Za-z'-]+ ){1,4}(?:" + Streets + @")\b[^\n]{0,60}?\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex AddressPattern();

    private const string Months = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec";

    [GeneratedRegex(
        @"(?<cue>\b(?:[Dd][Oo][Bb]|[Dd]\.[Oo]\.[Bb]\.?|[Dd]ate [Oo]f [Bb]irth|[Bb]irth ?[Dd]ate|[Bb]irthday|[Bb]orn(?: on)?)\b" +
        @"[\s:=-]{0,3}" +
        @"(?:(?:is|was) )?)(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)? (?:" + Months +
        @")[a-z]*,? \d{4}|(?:" + Months + @")[a-z]* \d{1,2}(?:st|nd|rd|th)?,? \d{4})\b",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex DateOfBirthPattern();

    [GeneratedRegex(
        @"(?<cue>\b(?:[Mm]y name is|[Mm]y name's|[Tt]his is|I am|I'm) )[A-Z][a-z]+(?: [A-Z][a-z]+)?\b",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex IntroducedNamePattern();

    [GeneratedRegex(
        @"(?:\b[Vv](?:ersion|er)?|\b[Bb]uild|\b[Rr]elease)[\s:=v]*$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex VersionCue();

    [GeneratedRegex(
        "\"(?<key>[A-Za-z_-]{0,40}[Nn][Aa][Mm][Ee])\"\\s*:\\s*\"(?<value>(?:[^\"\\\\]|\\\\.)*)\"",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex NameFieldPattern();

    private static string DecodeEscape(Match match)
    {
        var code = int.Parse(
            match.Groups[1].ValueSpan, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

        // Quotes, backslashes and control characters stay escaped so that valid JSON stays valid JSON.
        return code is >= 0x20 and < 0x7F and not '"' and not '\\' ? ((char)code).ToString() : match.Value;
    }

    [GeneratedRegex(@"\\u([0-9A-Fa-f]{4})", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex UnicodeEscapePattern();
}

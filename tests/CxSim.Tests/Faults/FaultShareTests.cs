using System.Text.Json;
using System.Text.RegularExpressions;
using CxSim.Faults;
using CxSim.Formats;
using CxSim.Generation;
using CxSim.Tests.Generation;

namespace CxSim.Tests.Faults;

public partial class FaultShareTests
{
    private static readonly List<SimulatedEvent> Events =
        [.. new TrafficGenerator(TestScenarios.Hours(2, seed: 9) with { MalformedShare = 0.05, PiiShare = 0.1 }).Generate()];

    [Fact]
    public void Malformed_and_pii_shares_are_within_tolerance()
    {
        var malformed = (double)Events.Count(e => e.IsMalformed) / Events.Count;
        var good = Events.Where(e => !e.IsMalformed).ToList();
        var pii = (double)good.Count(e => e.Pii != PiiKinds.None) / good.Count;

        Assert.True(Events.Count > 20_000, $"{Events.Count} events");
        Assert.InRange(malformed, 0.045, 0.055);
        Assert.InRange(pii, 0.09, 0.11);
        Assert.Equal(Enum.GetValues<MalformedKind>().Order(), Events.Where(e => e.IsMalformed).Select(e => e.Malformed!.Value).Distinct().Order());
    }

    [Fact]
    public void Faults_do_not_change_the_underlying_traffic()
    {
        var clean = new TrafficGenerator(TestScenarios.Hours(2, seed: 9)).Generate().Select(e => e.Event!.EventId).ToList();

        Assert.Equal(clean, Events.Where(e => !e.IsMalformed).Select(e => e.Event!.EventId));
    }

    [Fact]
    public void Each_malformed_kind_is_broken_the_way_it_says()
    {
        foreach (var e in Events.Where(e => e.IsMalformed))
        {
            switch (e.Malformed)
            {
                case MalformedKind.TruncatedJson:
                    Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(e.Body));
                    break;
                case MalformedKind.WrongTypes:
                    Assert.ThrowsAny<JsonException>(() => CanonicalEventEncoder.Decode(e.Body));
                    break;
                case MalformedKind.NegativeDuration:
                    Assert.True(CanonicalEventEncoder.Decode(e.Body)!.Measures.WaitSeconds < 0);
                    break;
                case MalformedKind.FutureTimestamp:
                    Assert.True(CanonicalEventEncoder.Decode(e.Body)!.EventTime > e.EventTime.AddDays(1));
                    break;
                case MalformedKind.MissingRequiredField:
                    var node = JsonDocument.Parse(e.Body).RootElement;
                    Assert.False(node.TryGetProperty("conversationId", out _) && node.TryGetProperty("eventTime", out _) && node.TryGetProperty("channel", out _));
                    break;
                case MalformedKind.UnknownFormat:
                    Assert.False(e.Body.Contains("\"EventId\"", StringComparison.Ordinal));
                    break;
            }

            Assert.Null(e.Event);
        }
    }

    [Fact]
    public void Planted_personal_data_is_realistic_and_checksum_valid()
    {
        var withPii = Events.Where(e => e.Pii != PiiKinds.None).ToList();

        Assert.All(withPii, e =>
        {
            var text = e.Event!.Text!;
            Assert.Equal(text, CanonicalEventEncoder.Decode(e.Body)!.Text);
            if (e.Pii.HasFlag(PiiKinds.Email))
            {
                Assert.Matches(EmailPattern(), text);
            }

            if (e.Pii.HasFlag(PiiKinds.Phone))
            {
                Assert.Matches(PhonePattern(), text);
            }

            if (e.Pii.HasFlag(PiiKinds.CardNumber))
            {
                var card = CardPattern().Match(text).Value;
                Assert.True(IsLuhnValid(card), $"'{card}' fails the Luhn check");
            }

            if (e.Pii.HasFlag(PiiKinds.Iban))
            {
                var iban = IbanPattern().Match(text).Value;
                Assert.True(IsIbanValid(iban), $"'{iban}' fails the IBAN check");
            }
        });
        Assert.All(Enum.GetValues<PiiKinds>().Where(k => k != PiiKinds.None), k => Assert.Contains(withPii, e => e.Pii.HasFlag(k)));
    }

    private static bool IsLuhnValid(string number)
    {
        var digits = number.Where(char.IsAsciiDigit).Select(c => c - '0').Reverse().ToList();
        var sum = digits.Select((d, i) => i % 2 == 1 ? (d * 2 > 9 ? (d * 2) - 9 : d * 2) : d).Sum();
        return digits.Count >= 13 && sum % 10 == 0;
    }

    private static bool IsIbanValid(string iban)
    {
        var compact = iban.Replace(" ", string.Empty, StringComparison.Ordinal);
        var rearranged = compact[4..] + compact[..4];
        var remainder = 0;
        foreach (var c in rearranged)
        {
            var value = char.IsAsciiLetter(c) ? (c - 'A' + 10).ToString(System.Globalization.CultureInfo.InvariantCulture) : c.ToString();
            foreach (var d in value)
            {
                remainder = ((remainder * 10) + (d - '0')) % 97;
            }
        }

        return compact.Length == 22 && remainder == 1;
    }

    [GeneratedRegex(@"[a-z]+\.\d+@[a-z.]+\.[a-z]+")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(\+\d[\d -]{7,}|\(\d{3}\) \d{3}-\d{4})")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"\b\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{4}\b")]
    private static partial Regex CardPattern();

    [GeneratedRegex(@"DE\d{2}( ?\d{4}){4} ?\d{2}")]
    private static partial Regex IbanPattern();
}

using System.Globalization;
using System.Text;
using CsCheck;
using CxServerless.Domain.Ingestion;
using CxServerless.Domain.Ingestion.Privacy;
using static CxServerless.Domain.Tests.Ingestion.PipelineHarness;

namespace CxServerless.Domain.Tests.Ingestion;

/// <summary>Property tests over random and mutated payloads: the pipeline never throws and every event gets exactly one fate.</summary>
public sealed class PipelinePropertyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Samples =
    [
        VendorSamples.ConnectVoice, VendorSamples.ConnectChat, VendorSamples.ConnectAbandoned, VendorSamples.AcsCallStarted,
        VendorSamples.AcsCallEnded, VendorSamples.AcsChatMessageReceived, VendorSamples.AcsRouterJobReceived, VendorSamples.AcsRouterJobQueued,
        VendorSamples.AcsRouterWorkerOfferAccepted, VendorSamples.AcsRouterJobCompleted, VendorSamples.AcsRouterJobCancelled,
        VendorSamples.ZendeskAgentAssignmentChanged, VendorSamples.ZendeskStatusChanged, VendorSamples.ZendeskCommentCreated,
        VendorSamples.ZendeskTicketMetric, VendorSamples.ZendeskSatisfactionRating, VendorSamples.SalesforceCaseCreated,
        VendorSamples.SalesforceCaseClosed, VendorSamples.HelpScoutNps, VendorSamples.HelpScoutFaces,
    ];

    /// <summary>A vendor sample with 1–8 random edits: delete, insert, replace a character, or duplicate a slice.</summary>
    private static readonly Gen<string> Mutated =
        Gen.Select(Gen.OneOf(Samples), Gen.Select(Gen.Int[0, 3], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Char).Array[1, 8], Mutate);

    private static readonly Gen<string> JsonShaped =
        Gen.Char["{}[]\":,0123456789abcdeflnrstu .-+@\\"].Array[0, 200].Select(chars => new string(chars));

    private static readonly Gen<string> AnyPayload = Gen.Frequency((3, Mutated), (1, JsonShaped), (1, Gen.String), (1, Gen.OneOf(Samples)));

    private static string Mutate(string sample, (int Op, double At, double Len, char C)[] edits)
    {
        var builder = new StringBuilder(sample);
        foreach (var (op, at, len, c) in edits)
        {
            if (builder.Length == 0)
            {
                builder.Append(c);
                continue;
            }

            var i = (int)(at * (builder.Length - 1));
            switch (op)
            {
                case 0: builder.Remove(i, 1); break;
                case 1: builder.Insert(i, c); break;
                case 2: builder[i] = c; break;
                default:
                    var n = Math.Min((int)(len * 40), builder.Length - i);
                    builder.Insert(i, builder.ToString(i, n));
                    break;
            }
        }

        return builder.ToString();
    }

    [Fact]
    public void No_exception_escapes_and_every_event_is_accepted_or_rejected_with_a_reason()
    {
        AnyPayload.Sample(body =>
        {
            var outcome = Run(body, Now);
            Assert.True(outcome.Event is null != (outcome.Rejection is null), "exactly one of event and rejection");
            if (outcome.Rejection is { } rejection)
            {
                Assert.True(Enum.IsDefined(rejection.Reason));
                Assert.NotNull(outcome.MaskedPayload);
                Assert.False(string.IsNullOrWhiteSpace(rejection.Detail));
            }
            else
            {
                Assert.NotNull(outcome.DedupeKey);
                Assert.Equal(TimeSpan.Zero, outcome.Event!.EventTime.Offset);
                Assert.False(string.IsNullOrWhiteSpace(outcome.Event.ConversationId));
                if (outcome.Event.Text is { } text)
                {
                    Assert.Equal(text, PiiMasker.Mask(text));
                }
            }
        }, iter: 3000);
    }

    [Fact]
    public void Processing_is_deterministic_so_a_redelivery_gets_the_same_fate_and_key()
    {
        AnyPayload.Sample(body =>
        {
            var first = Run(body, Now);
            var again = Run(body, Now.AddHours(3));
            Assert.Equal(first.Rejection?.Reason, again.Rejection?.Reason);
            Assert.Equal(first.DedupeKey, again.DedupeKey);
        }, iter: 1000);
    }

    [Fact]
    public void Scores_are_accepted_exactly_inside_their_scales()
    {
        Gen.Select(Gen.Int[-3, 13], Gen.Int[-3, 13], Gen.Int[-3, 13]).Sample((csat, nps, ces) =>
        {
            var body = string.Create(CultureInfo.InvariantCulture,
                $$$"""{"schemaVersion":1,"eventId":"s","type":"SurveyResponse","eventTime":"2026-11-23T08:00:00Z","conversationId":"c","channel":"survey","scores":{"csat":{{{csat}}},"nps":{{{nps}}},"ces":{{{ces}}}}}""");
            var inRange = csat is >= 1 and <= 5 && nps is >= 0 and <= 10 && ces is >= 1 and <= 7;
            var outcome = Run(body, Now);
            Assert.Equal(inRange ? null : QuarantineReason.OutOfRange, outcome.Rejection?.Reason);
        }, iter: 500);
    }

    [Fact]
    public void Valid_card_numbers_ibans_and_emails_are_masked_wherever_they_sit_in_text()
    {
        var luhnCard = Gen.Long[100_000_000_000_000, 999_999_999_999_999].Select(body =>
        {
            var digits = body.ToString(CultureInfo.InvariantCulture);
            for (var check = 0; ; check++)
            {
                if (Checksums.IsLuhnValid(digits + check))
                {
                    return digits + check;
                }
            }
        });
        var words = Gen.String[Gen.Char.AlphaNumeric, 0, 12];
        Gen.Select(words, luhnCard, words, Gen.Int[0, 2]).Sample((before, card, after, form) =>
        {
            var written = form switch
            {
                0 => card,
                1 => string.Join(' ', card.Chunk(4).Select(c => new string(c))),
                _ => string.Join('-', card.Chunk(4).Select(c => new string(c))),
            };
            var masked = PiiMasker.Mask($"{before} {written} {after}");
            Assert.DoesNotContain(card, masked.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains(PiiMasker.CardToken, masked, StringComparison.Ordinal);
        }, iter: 1000);

        Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 10], Gen.String[Gen.Char.AlphaNumeric, 1, 10]).Sample((user, domain) =>
        {
            var masked = PiiMasker.Mask($"write to {user}.x@{domain}.example.org please");
            Assert.Equal("write to [email] please", masked);
        }, iter: 500);
    }
}

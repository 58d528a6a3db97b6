using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using CxServerless.Domain.Ingestion;
using CxServerless.Domain.Ingestion.Privacy;
using CxServerless.Testing;
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

    private static string Fixture(string file) => VendorFixtures.All.Single(f => f.File == file).Body;

    /// <summary>Seed payloads per adapter format: the vendor-written and shaped samples of that format.</summary>
    private static readonly Dictionary<string, string[]> SeedsByFormat = new(StringComparer.Ordinal)
    {
        ["canonical"] =
        [
            """{"schemaVersion":1,"eventId":"e","type":"MessagePosted","eventTime":"2026-11-23T08:00:00Z","conversationId":"c",""" +
            "\"channel\":\"chat\"}",
        ],
        ["amazon-connect-ctr"] = [VendorSamples.ConnectVoice, VendorSamples.ConnectChat, VendorSamples.ConnectAbandoned],
        ["acs-eventgrid"] =
        [
            VendorSamples.AcsCallEnded, Fixture("acs-eventgrid-chat-message-received.json"),
            Fixture("acs-eventgrid-router-job-classified.json"), Fixture("acs-eventgrid-router-worker-offer-issued.json"),
            VendorSamples.AcsRouterJobClosed, VendorSamples.AcsRouterJobQueuedCloudEvent,
        ],
        ["zendesk-ticket-event"] = [VendorSamples.ZendeskStatusChanged, VendorSamples.ZendeskCommentCreated],
        ["zendesk-ticket-metrics"] = [VendorSamples.ZendeskTicketMetric, Fixture("zendesk-api-ticket-metric-ticket1.json")],
        ["zendesk-satisfaction-rating"] = [VendorSamples.ZendeskSatisfactionRating, VendorSamples.ZendeskSatisfactionRatings],
        ["salesforce-case-cdc"] =
            [VendorSamples.SalesforceCaseCreated, VendorSamples.SalesforceCaseWorking, VendorSamples.SalesforceAccountChange],
        ["helpscout-survey"] = [VendorSamples.HelpScoutNps, VendorSamples.HelpScoutFaces],
        ["zendesk-ticket"] = [Fixture("zendesk-api-ticket-show-incident-web.json"), VendorSamples.ZendeskTicketExport],
        ["azure-eventgrid"] = [VendorSamples.StorageBlobCreated],
        ["amazon-connect-contact-event"] =
        [
            Fixture("amazon-connect-contact-event-connected-to-agent-detail.json"), VendorSamples.ConnectEventQueued,
            VendorSamples.ConnectEventDisconnectedAbandoned,
        ],
        ["amazon-connect-contact-lens"] = [Fixture("amazon-connect-contact-lens-realtime-segments.json")],
        ["amazon-connect-agent-event"] = [VendorSamples.ConnectAgentHeartbeat],
        ["genesys-eventbridge"] =
        [
            Fixture("genesys-eventbridge-conversation-customer-end.json"), VendorSamples.GenesysAcdEndAbandon,
            VendorSamples.GenesysPresence,
        ],
        ["twilio-taskrouter"] =
        [
            Fixture("twilio-taskrouter-events-list-reservation-created.json"), VendorSamples.TwilioTaskCreatedCallback,
            VendorSamples.TwilioReservationAccepted,
        ],
        ["surveymonkey-webhook"] = [Fixture("surveymonkey-webhook-response-event-data.json"), VendorSamples.SurveyMonkeyCollectorCreated],
    };

    /// <summary>Values that break assumptions: wrong types, extremes, deep nesting, personal data, odd Unicode.</summary>
    private static readonly Gen<JsonNode?> HostileValue = Gen.OneOf(
        Gen.Const(() => (JsonNode?)null),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n)),
        Gen.Double.Select(d => (JsonNode?)JsonValue.Create(double.IsFinite(d) ? d : 1e308)),
        Gen.String.Select(t => (JsonNode?)JsonValue.Create(t)),
        Gen.OneOf<string>(["", " ", "0", "-1", "1e400", "9999-12-31T23:59:59Z", "2026-11-23T08:59:00Z", "0001-01-01", "{}", "{\"from\":1}",
            "jane.doe@example.com", "+44 20 7946 0958", "\ud800", "ABANDON", "SEGMENTS", "task.canceled", "Case", "response_completed",
            "v2.detail.events.conversation.x.acd.end", "Microsoft.Communication.RouterJobClosed"])
            .Select(t => (JsonNode?)JsonValue.Create(t)),
        Gen.Int[0, 3].Select(n => (JsonNode?)new JsonArray([.. Enumerable.Range(0, n).Select(_ => (JsonNode?)new JsonObject())])),
        Gen.Int[1, 20].Select(n =>
        {
            JsonNode node = new JsonArray();
            for (var i = 0; i < n; i++)
            {
                node = new JsonObject { ["x"] = node };
            }

            return (JsonNode?)node;
        }));

    /// <summary>A seed with 1–6 of its values (at any depth) replaced by hostile ones, or its properties dropped.</summary>
    private static Gen<string> Structured(string[] seeds) =>
        Gen.Select(Gen.OneOf<string>(seeds), Gen.Select(Gen.Int[0, 1000], Gen.Bool, HostileValue).Array[1, 6], (seed, edits) =>
        {
            var root = JsonNode.Parse(seed)!;
            foreach (var (at, drop, value) in edits)
            {
                var nodes = Descendants(root).ToList();
                var target = nodes[at % nodes.Count];
                if (target.Parent is JsonObject parent)
                {
                    var name = target.GetPropertyName();
                    if (drop)
                    {
                        parent.Remove(name);
                    }
                    else
                    {
                        parent[name] = value?.DeepClone();
                    }
                }
                else if (target.Parent is JsonArray array)
                {
                    array[target.GetElementIndex()] = drop ? null : value?.DeepClone();
                }
            }

            return root.ToJsonString();
        });

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var d in Descendants(child))
            {
                yield return d;
            }
        }
    }

    public static TheoryData<string> Formats() => [.. SourceAdapters.All().Select(a => a.Format)];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Ten_thousand_hostile_payloads_per_adapter_each_get_one_fate_with_a_reason_and_nothing_escapes(string format)
    {
        Assert.True(SeedsByFormat.TryGetValue(format, out var seeds), $"no seed samples for {format}");
        var properties = new Dictionary<string, string> { [RawEvent.FormatProperty] = format };
        var hostile = Gen.Frequency(
            (6, Structured(seeds)),
            (2, Gen.Select(
                Gen.OneOf<string>(seeds), Gen.Select(Gen.Int[0, 3], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Char).Array[1, 8], Mutate)),
            (1, JsonShaped),
            (1, Gen.String));
        // The samples date from 2012 on: a long retention lets the valid ones through, so the test sees both fates.
        var limits = new IngestionLimits { Retention = TimeSpan.FromDays(40 * 365) };
        var pipeline = new IngestionPipeline(SourceAdapters.Registry(), Pseudonyms, limits);
        var (stored, quarantined) = (0, 0);
        hostile.Sample(body =>
        {
            var outcomes = pipeline.ProcessAll(new RawEvent(body, "0", 7, Now, properties), Now);
            Assert.NotEmpty(outcomes);
            Assert.Equal(outcomes.Count, outcomes.Select(o => o.Origin).Distinct().Count());
            foreach (var outcome in outcomes)
            {
                Assert.True(outcome.Event is null != (outcome.Rejection is null), "exactly one of event and rejection");
                if (outcome.Rejection is { } rejection)
                {
                    quarantined++;
                    Assert.True(Enum.IsDefined(rejection.Reason));
                    Assert.False(string.IsNullOrWhiteSpace(rejection.Detail));
                    Assert.NotNull(outcome.MaskedPayload);
                }
                else
                {
                    stored++;
                    Assert.NotNull(outcome.DedupeKey);
                    Assert.True(Enum.IsDefined(outcome.Event!.Channel));
                    Assert.Equal(TimeSpan.Zero, outcome.Event.EventTime.Offset);
                    Assert.False(string.IsNullOrWhiteSpace(outcome.Event.ConversationId));
                }
            }
        }, iter: 10_000, threads: 1);

        // Not vacuous: hostile edits leave some payloads valid, and break others.
        Assert.True(quarantined > 0, $"{format}: nothing was quarantined");
        Assert.True(stored > 0 || format is "azure-eventgrid" or "amazon-connect-agent-event", $"{format}: nothing was stored");
    }
}

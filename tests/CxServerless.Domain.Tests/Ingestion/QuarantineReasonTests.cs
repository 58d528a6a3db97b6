using System.Text.Json;
using CxServerless.Domain.Ingestion;
using static CxServerless.Domain.Tests.Ingestion.PipelineHarness;

namespace CxServerless.Domain.Tests.Ingestion;

/// <summary>Each quarantine reason, produced by the smallest payload that earns it.</summary>
public sealed class QuarantineReasonTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static string Canonical(string extra = "", string time = "2026-11-23T08:59:00Z") =>
        $$"""{"schemaVersion":1,"eventId":"x","type":"ContactEnded","eventTime":"{{time}}","conversationId":"c","channel":"voice"{{extra}}}""";

    private static QuarantineReason? Reason(string body, IReadOnlyDictionary<string, string>? properties = null) =>
        Run(body, Now, properties).Rejection?.Reason;

    [Fact]
    public void A_valid_canonical_event_is_accepted() => Assert.Null(Reason(Canonical()));

    [Theory]
    [InlineData("{\"a\":", QuarantineReason.InvalidJson)]
    [InlineData("", QuarantineReason.InvalidJson)]
    [InlineData("\"just a string\"", QuarantineReason.UnknownFormat)]
    [InlineData("[1,2]", QuarantineReason.UnknownFormat)]
    [InlineData("{\"hello\":\"world\"}", QuarantineReason.UnknownFormat)]
    public void Unreadable_or_unrecognised_bodies(string body, QuarantineReason expected) => Assert.Equal(expected, Reason(body));

    [Fact]
    public void Nesting_beyond_the_limit_is_too_deep_and_not_invalid_json()
    {
        var deep = new string('[', 40) + new string(']', 40);
        Assert.Equal(QuarantineReason.TooDeep, Reason(deep));
        Assert.Equal(QuarantineReason.TooDeep, Reason("{\"a\":" + new string('[', 5000)));
    }

    [Fact]
    public void A_body_over_the_size_limit_is_too_large() =>
        Assert.Equal(QuarantineReason.TooLarge, Reason(Canonical($",\"text\":\"{new string('a', 300_000)}\"")));

    [Fact]
    public void Text_over_the_length_limit_is_too_long() =>
        Assert.Equal(QuarantineReason.TooLong, Reason(Canonical($",\"text\":\"{new string('a', 20_000)}\"")));

    [Fact]
    public void An_identifier_over_the_length_limit_is_too_long() =>
        Assert.Equal(QuarantineReason.TooLong, Reason(Canonical($",\"queue\":\"{new string('q', 300)}\"")));

    [Theory]
    [InlineData("""{"schemaVersion":1,"type":"ContactEnded","eventTime":"2026-11-23T08:59:00Z","conversationId":"","channel":"voice"}""")]
    [InlineData("""{"schemaVersion":1,"type":"ContactEnded","conversationId":"c","channel":"voice"}""")]
    [InlineData("""{"schemaVersion":1,"type":"ContactEnded","eventTime":"2026-11-23T08:59:00Z","conversationId":"c"}""")]
    public void Absent_required_fields_are_missing_field(string body) => Assert.Equal(QuarantineReason.MissingField, Reason(body));

    [Theory]
    [InlineData(",\"channel\":\"pigeon\"")]
    [InlineData(",\"outcome\":\"Maybe\"")]
    [InlineData(",\"measures\":{\"talkSeconds\":\"long\"}")]
    [InlineData(",\"scores\":{\"csat\":3.5}")]
    [InlineData(",\"queue\":{\"nested\":true}")]
    public void Wrong_types_and_unmapped_enumerations_are_invalid_field(string extra) =>
        Assert.Equal(QuarantineReason.InvalidField, Reason(Canonical(extra).Replace(",\"channel\":\"voice\"", extra.StartsWith(",\"channel", StringComparison.Ordinal) ? string.Empty : ",\"channel\":\"voice\"", StringComparison.Ordinal)));

    [Fact]
    public void An_unparseable_timestamp_is_invalid_field() => Assert.Equal(QuarantineReason.InvalidField, Reason(Canonical(time: "yesterday")));

    [Theory]
    [InlineData(",\"measures\":{\"holdSeconds\":-1}")]
    [InlineData(",\"measures\":{\"talkSeconds\":1e9}")]
    [InlineData(",\"scores\":{\"csat\":6}")]
    [InlineData(",\"scores\":{\"csat\":0}")]
    [InlineData(",\"scores\":{\"nps\":11}")]
    [InlineData(",\"scores\":{\"ces\":8}")]
    [InlineData(",\"scores\":{\"sentiment\":1.5}")]
    [InlineData(",\"measures\":{\"transfers\":-2}")]
    public void Values_outside_their_range_are_out_of_range(string extra) => Assert.Equal(QuarantineReason.OutOfRange, Reason(Canonical(extra)));

    [Fact]
    public void Timestamps_are_checked_against_the_ingest_time_with_a_tolerance()
    {
        Assert.Null(Reason(Canonical(time: "2026-11-23T09:04:00Z")));
        Assert.Equal(QuarantineReason.FutureTimestamp, Reason(Canonical(time: "2026-11-23T09:06:00Z")));
        Assert.Null(Reason(Canonical(time: "2025-11-23T09:00:00Z")));
        Assert.Equal(QuarantineReason.Expired, Reason(Canonical(time: "2020-01-01T00:00:00Z")));
    }

    [Fact]
    public void A_timestamp_with_an_offset_is_normalised_to_utc()
    {
        var e = Run(Canonical(time: "2026-11-23T10:30:00+02:00"), Now).Event!;
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 30, 0, TimeSpan.Zero), e.EventTime);
        Assert.Equal(TimeSpan.Zero, e.EventTime.Offset);
    }

    [Fact]
    public void Identifiers_are_trimmed()
    {
        var e = Run("""{"schemaVersion":1,"eventId":"  id-7 ","type":"ContactEnded","eventTime":"2026-11-23T08:59:00Z","conversationId":"  c-9\t","channel":"Voice","queue":" billing "}""", Now).Event!;
        Assert.Equal("id-7", e.EventId);
        Assert.Equal("c-9", e.ConversationId);
        Assert.Equal("billing", e.Queue);
    }

    [Fact]
    public void The_format_property_selects_the_adapter_explicitly_and_an_unknown_name_is_unknown_format()
    {
        var named = new Dictionary<string, string> { [RawEvent.FormatProperty] = "amazon-connect-ctr" };
        Assert.Equal(QuarantineReason.MissingField, Reason(Canonical(), named));
        var unknown = new Dictionary<string, string> { [RawEvent.FormatProperty] = "genesys" };
        Assert.Equal(QuarantineReason.UnknownFormat, Reason(Canonical(), unknown));
    }

    [Fact]
    public void A_payload_two_adapters_claim_is_ambiguous_never_guessed()
    {
        var registry = new AdapterRegistry([new Domain.Ingestion.Adapters.CanonicalAdapter(), new ClaimsEverything()]);
        var pipeline = new IngestionPipeline(registry, Pseudonyms, new IngestionLimits());
        var outcome = pipeline.Process(new RawEvent(Canonical(), "0", 1, Now, new Dictionary<string, string>()), Now);
        Assert.Equal(QuarantineReason.AmbiguousFormat, outcome.Rejection?.Reason);
    }

    [Fact]
    public void Reason_codes_are_stable_kebab_case_and_round_trip()
    {
        Assert.Equal("unknown-format", QuarantineReason.UnknownFormat.Code());
        foreach (var reason in QuarantineReasons.All)
        {
            Assert.Matches("^[a-z]+(-[a-z]+)*$", reason.Code());
            Assert.True(QuarantineReasons.TryParse(reason.Code(), out var back));
            Assert.Equal(reason, back);
        }
    }

    private sealed class ClaimsEverything : ISourceAdapter
    {
        public string Format => "everything";

        public string SourceSystem => "everything";

        public IReadOnlyList<string> Signature => [];

        public bool Matches(JsonElement root) => true;

        public AdapterResult Adapt(JsonElement root) => new Rejection(QuarantineReason.UnsupportedType, "never used");
    }
}

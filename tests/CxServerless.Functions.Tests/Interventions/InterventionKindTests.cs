using System.Net;
using System.Text.Json.Nodes;
using CxServerless.Domain.Access;
using CxServerless.Functions.Tests.Tasks;
using CxServerless.Testing;
using CxServerless.Workflows.Tasks;

namespace CxServerless.Functions.Tests.Interventions;

/// <summary>Each kind of intervention, end to end through the real handler: ingestion, the timer, ScoreSentiment, the API.</summary>
[Collection(AzuriteTests.Name)]
public sealed class InterventionKindTests(AzuriteFixture azurite)
{
    private static readonly Caller Supervisor = new("sup-1", CxRoles.Supervisor, null);
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private static List<JsonObject> Items(JsonObject body) => [.. body["items"]!.AsArray().Select(n => n!.AsObject())];

    private static JsonObject CountOf(JsonObject body, string kind) =>
        body["counts"]!.AsArray().Select(n => n!.AsObject()).Single(c => c["kind"]!.GetValue<string>() == kind);

    private static Dictionary<string, string> Range(string from, string to, string? kind = null)
    {
        var query = new Dictionary<string, string> { ["from"] = from, ["to"] = to };
        if (kind is not null)
        {
            query["kind"] = kind;
        }

        return query;
    }

    [Fact]
    public async Task A_contact_still_queued_past_the_threshold_is_offered_a_callback_once_and_an_answered_one_is_not()
    {
        using var h = new InterventionHarness(azurite, T0);
        await h.IngestAsync(
            InterventionHarness.Body("ContactQueued", "q-a", "call-a", T0, email: "ann@example.com"),
            InterventionHarness.Body("ContactQueued", "q-b", "call-b", T0, email: "bob@example.com"),
            InterventionHarness.Body("ContactAnswered", "ans-b", "call-b", T0.AddSeconds(30), agent: "agent-1"));

        h.Clock.SetUtcNow(T0.AddSeconds(100)); // below the shipped 120 s: nothing yet
        await h.TickAsync();
        Assert.Empty(await h.DrainOutboundAsync());

        h.Clock.SetUtcNow(T0.AddSeconds(130));
        await h.TickAsync();
        await h.TickAsync();
        await h.IngestAsync(InterventionHarness.Body("ContactQueued", "q-a", "call-a", T0, email: "ann@example.com")); // redelivery
        await h.TickAsync();

        var outbound = await h.DrainOutboundAsync();
        var message = JsonNode.Parse(Assert.Single(outbound))!.AsObject();
        Assert.Equal(("callbackOffer", "offerCallback", "call-a", "team-billing"), (
            message["kind"]!.GetValue<string>(), message["action"]!.GetValue<string>(), message["conversationId"]!.GetValue<string>(),
            message["team"]!.GetValue<string>()));
        Assert.DoesNotContain("c-k", outbound[0], StringComparison.Ordinal); // the conversation, never the customer's pseudonym
        Assert.DoesNotContain("ann", outbound[0], StringComparison.Ordinal);

        var (status, body) = await h.ListAsync(Supervisor, Range("2026-12-07T09:00:00Z", "2026-12-07T11:00:00Z"));
        Assert.Equal(HttpStatusCode.OK, status);
        var item = Assert.Single(Items(body));
        Assert.Equal(("callbackOffer", "sent", "interventions-1"), (
            item["kind"]!.GetValue<string>(), item["outcome"]!.GetValue<string>(), item["rulesVersion"]!.GetValue<string>()));
        Assert.Equal(1, CountOf(body, "callbackOffer")["sent"]!.GetValue<long>());

        var notes = await h.Get<NotificationStore>().ListForAsync("lead-billing", 10, CancellationToken.None);
        var note = Assert.Single(notes, n => n.Kind == "callbackOffer");
        Assert.Contains("call-a", note.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_contact_on_the_same_topic_within_24_hours_is_flagged_priority_with_a_note_to_the_team_lead()
    {
        using var h = new InterventionHarness(azurite, T0.AddHours(5));
        await h.IngestAsync(
            InterventionHarness.Body("ContactQueued", "r-1", "call-1", T0, email: "cara@example.com"),
            InterventionHarness.Body("ContactAnswered", "r-1a", "call-1", T0.AddSeconds(20), agent: "agent-1"),
            InterventionHarness.Body(
                "ContactQueued", "r-2", "call-2", T0.AddHours(2), email: "dan@example.com", queue: "sales", team: "team-sales"),
            InterventionHarness.Body("ContactQueued", "r-3", "call-3", T0.AddHours(4), email: "cara@example.com"));
        // Another topic for the same customer, and a contact more than 24 hours later: neither is a repeat of call-1/call-3.
        await h.IngestAsync(
            InterventionHarness.Body(
                "ContactQueued", "r-4", "call-4", T0.AddHours(4.5), email: "cara@example.com", queue: "sales", team: "team-sales"),
            InterventionHarness.Body("ContactQueued", "r-5", "call-5", T0.AddHours(29), email: "cara@example.com"));

        var (_, body) = await h.ListAsync(Supervisor, Range("2026-12-07T14:00:00Z", "2026-12-07T16:00:00Z", "repeatContact"));
        var item = Assert.Single(Items(body));
        Assert.Equal(("call-3", "sent", "team-billing"), (
            item["conversationId"]!.GetValue<string>(), item["outcome"]!.GetValue<string>(), item["team"]!.GetValue<string>()));
        Assert.Contains("call-1", item["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["lead-billing"], item["notified"]!.AsArray().Select(n => n!.GetValue<string>()));
        var outbound = JsonNode.Parse(Assert.Single(await h.DrainOutboundAsync()))!;
        Assert.Equal("flagPriority", outbound["action"]!.GetValue<string>());
        var notes = await h.Get<NotificationStore>().ListForAsync("lead-billing", 10, CancellationToken.None);
        Assert.Single(notes, n => n.Kind == "repeatContact" && n.Text.Contains("call-3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_live_chat_message_scored_below_the_threshold_alerts_the_supervisors_and_an_ended_chat_does_not()
    {
        using var h = new InterventionHarness(azurite, T0.AddMinutes(2));
        const string Angry = "This is terrible, awful and horrible service. I hate it, worst experience ever.";
        await h.IngestAsync(
            InterventionHarness.Body("ContactQueued", "c-1q", "chat-1", T0, channel: "chat", email: "eve@example.com"),
            InterventionHarness.Body(
                "MessagePosted", "c-1m", "chat-1", T0.AddMinutes(1), channel: "chat", email: "eve@example.com", text: Angry),
            InterventionHarness.Body("MessagePosted", "c-1n", "chat-1", T0.AddMinutes(1), channel: "chat", agent: "agent-1", text: Angry),
            InterventionHarness.Body(
                "MessagePosted", "c-2m", "chat-2", T0.AddMinutes(1), channel: "chat", email: "fay@example.com", text: Angry),
            InterventionHarness.Body("ContactEnded", "c-2e", "chat-2", T0.AddMinutes(1.5), channel: "chat", agent: "agent-1"),
            InterventionHarness.Body("MessagePosted", "c-3m", "chat-3", T0.AddMinutes(1), channel: "chat", email: "gus@example.com",
                text: "Thank you, that was great and very helpful."));
        await h.ScoreSentimentAsync();

        var (_, body) = await h.ListAsync(Supervisor, Range("2026-12-07T09:00:00Z", "2026-12-07T11:00:00Z", "sentimentAlert"));
        var item = Assert.Single(Items(body));
        Assert.Equal(("chat-1", "sent"), (item["conversationId"]!.GetValue<string>(), item["outcome"]!.GetValue<string>()));
        var notified = item["notified"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.NotEmpty(notified);
        Assert.All(notified, id => Assert.StartsWith("sup", id, StringComparison.Ordinal));
        Assert.Equal("alertSupervisor", JsonNode.Parse(Assert.Single(await h.DrainOutboundAsync()))!["action"]!.GetValue<string>());
        var notes = await h.Get<NotificationStore>().ListForAsync(notified[0], 10, CancellationToken.None);
        Assert.Single(notes, n => n.Kind == "sentimentAlert");
    }

    [Fact]
    public async Task Bad_queries_are_400_with_a_reason_and_a_team_lead_sees_only_their_own_team()
    {
        using var h = new InterventionHarness(azurite, T0);
        foreach (var (name, value) in new[]
        {
            ("kind", "hug"), ("top", "0"), ("top", "x"), ("from", "yesterday"), ("team", "a b"), ("continuationToken", "!!"),
            ("from", "2026-11-01T00:00:00Z"),
        })
        {
            var (status, body) = await h.ListAsync(Supervisor, new Dictionary<string, string> { [name] = value });
            Assert.Equal(HttpStatusCode.BadRequest, status);
            var expected = name == "from" && value.StartsWith("2026", StringComparison.Ordinal) ? "7 days" : name;
            Assert.Contains(expected, body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var lead = new Caller("lead-billing", CxRoles.TeamLead, "team-billing");
        var otherTeam = new Dictionary<string, string> { ["team"] = "team-sales" };
        Assert.Equal(HttpStatusCode.Forbidden, (await h.ListAsync(lead, otherTeam)).Status);
        Assert.Equal(HttpStatusCode.OK, (await h.ListAsync(lead)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await h.ListAsync(new Caller("agent-1", CxRoles.Agent, "team-billing"))).Status);
    }
}

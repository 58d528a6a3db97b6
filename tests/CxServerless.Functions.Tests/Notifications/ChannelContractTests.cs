using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CxServerless.Workflows.Notifications;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CxServerless.Functions.Tests.Notifications;

/// <summary>
/// The real channel clients (typed HttpClients with the app's resilience pipeline) against WireMock.Net fakes that
/// answer as the documented services do: a Teams incoming webhook, Azure Communication Services Email (send, 429 with
/// Retry-After, Operation-Location polling) and a JSON webhook. Expected shapes are written here from the documentation,
/// not read from the code under test.
/// </summary>
public sealed class ChannelContractTests : IDisposable
{
    private const string InboxUrl = "https://cx.contoso.example";
    private const string ExpectedLink = "https://cx.contoso.example/api/inbox?alertId=alert1";
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private static ChannelHarness Harness(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Notifications:InboxUrl"] = InboxUrl,
            ["Notifications:RetryDelay"] = "00:00:00.050",
            ["Notifications:AttemptTimeout"] = "00:00:05",
            ["Notifications:EmailPollLimit"] = "00:00:20",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        return new ChannelHarness(values);
    }

    private JsonObject Body(int index, string path) =>
        JsonNode.Parse(_server.LogEntries.Where(e => e.RequestMessage.Path == path).ElementAt(index).RequestMessage.Body!)!.AsObject();

    [Fact]
    public async Task Teams_gets_a_message_with_one_adaptive_card_carrying_the_alert_the_sla_and_the_task_link()
    {
        _server.Given(Request.Create().WithPath("/teams/billing").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("1"));
        using var h = Harness(
            ("Notifications:TeamsWebhookUrl", _server.Url + "/teams/default"),
            ("Notifications:TeamsWebhookUrls", $$"""{ "billing": "{{_server.Url}}/teams/billing" }"""));

        var outcome = await h.Channel("teams").SendAsync(ChannelHarness.Delivery(ChannelHarness.Lead()), CancellationToken.None);

        Assert.Equal(ChannelStatus.Delivered, outcome.Status);
        var entry = Assert.Single(_server.LogEntries).RequestMessage;
        Assert.StartsWith("application/json", entry.Headers!["Content-Type"].Single(), StringComparison.Ordinal);
        var message = Body(0, "/teams/billing");
        Assert.Equal("message", message["type"]!.GetValue<string>());
        var attachment = Assert.Single(message["attachments"]!.AsArray())!.AsObject();
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        Assert.True(attachment["contentUrl"] is null, "contentUrl must be null or absent for a card");
        var card = attachment["content"]!.AsObject();
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card["$schema"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(card["version"]!.GetValue<string>()));
        var text = card["body"]!.ToJsonString();
        Assert.Contains("Average speed of answer for queue=billing is 95 s", text, StringComparison.Ordinal);
        Assert.Contains("2026-12-01 10:30 UTC", text, StringComparison.Ordinal); // the SLA
        Assert.DoesNotContain(
            "contoso.example\"", text.Replace(ExpectedLink, string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var action = Assert.Single(card["actions"]!.AsArray())!.AsObject();
        Assert.Equal("Action.OpenUrl", action["type"]!.GetValue<string>());
        Assert.Equal(ExpectedLink, action["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Teams_uses_the_default_webhook_for_a_team_without_its_own_and_reports_a_failing_one_after_retries()
    {
        _server.Given(Request.Create().WithPath("/teams/default").UsingPost()).RespondWith(Response.Create().WithStatusCode(500));
        using var h = Harness(("Notifications:TeamsWebhookUrl", _server.Url + "/teams/default"));
        var delivery = ChannelHarness.Delivery(ChannelHarness.Lead(team: "sales")) is var d
            ? d with { Task = d.Task! with { Team = "sales" } }
            : null!;

        var outcome = await h.Channel("teams").SendAsync(delivery, CancellationToken.None);

        Assert.Equal(ChannelOutcome.Failed("HTTP 500"), outcome);
        Assert.Equal(4, _server.LogEntries.Count(e => e.RequestMessage.Path == "/teams/default")); // the first try and three retries
    }

    [Fact]
    public async Task Email_is_sent_with_the_managed_identity_token_honours_429_retry_after_and_polls_the_operation_until_it_succeeds()
    {
        var operation = _server.Url + "/emails/operations/op-1?api-version=2025-09-01";
        _server.Given(Request.Create().WithPath("/emails:send").WithParam("api-version", "2025-09-01").UsingPost())
            .InScenario("send").WillSetStateTo("throttled")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1"));
        _server.Given(Request.Create().WithPath("/emails:send").WithParam("api-version", "2025-09-01").UsingPost())
            .InScenario("send").WhenStateIs("throttled")
            .RespondWith(Response.Create().WithStatusCode(202).WithHeader("Operation-Location", operation).WithHeader("Retry-After", "0")
                .WithBody("""{ "id": "op-1", "status": "Running" }"""));
        _server.Given(Request.Create().WithPath("/emails/operations/op-1").UsingGet())
            .InScenario("poll").WillSetStateTo("polled-once")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Retry-After", "0")
                .WithBody("""{ "id": "op-1", "status": "Running" }"""));
        _server.Given(Request.Create().WithPath("/emails/operations/op-1").UsingGet())
            .InScenario("poll").WhenStateIs("polled-once")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{ "id": "op-1", "status": "Succeeded" }"""));
        using var h = Harness(
            ("Notifications:EmailEndpoint", _server.Url!), ("Notifications:EmailSender", "DoNotReply@cx.azurecomm.example"));

        var outcome = await h.Channel("email").SendAsync(ChannelHarness.Delivery(ChannelHarness.Lead()), CancellationToken.None);

        Assert.Equal(ChannelStatus.Delivered, outcome.Status);
        var sends = _server.LogEntries.Where(e => e.RequestMessage.Path == "/emails:send").Select(e => e.RequestMessage).ToList();
        Assert.Equal(2, sends.Count);
        Assert.True(sends[1].DateTime - sends[0].DateTime >= TimeSpan.FromSeconds(0.9), "the retry must wait for Retry-After: 1");
        Assert.All(sends, s => Assert.Equal("Bearer " + ChannelHarness.Token, s.Headers!["Authorization"].Single()));
        Assert.Single(sends.Select(s => s.Headers!["Operation-Id"].Single()).Distinct()); // a retry names the same operation
        Assert.True(Guid.TryParse(sends[0].Headers!["Operation-Id"].Single(), out _));
        var body = Body(1, "/emails:send");
        Assert.Equal("DoNotReply@cx.azurecomm.example", body["senderAddress"]!.GetValue<string>());
        var to = Assert.Single(body["recipients"]!["to"]!.AsArray())!;
        Assert.Equal("lead.billing@contoso.example", to["address"]!.GetValue<string>());
        Assert.Equal("Billing Lead", to["displayName"]!.GetValue<string>());
        Assert.Contains("Average speed of answer", body["content"]!["subject"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(ExpectedLink, body["content"]!["plainText"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("2026-12-01 10:30 UTC", body["content"]!["html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(body["userEngagementTrackingDisabled"]!.GetValue<bool>());
        var polls = _server.LogEntries
            .Where(e => e.RequestMessage.Path == "/emails/operations/op-1")
            .Select(e => e.RequestMessage)
            .ToList();
        Assert.Equal(2, polls.Count);
        Assert.All(polls, p => Assert.Equal("Bearer " + ChannelHarness.Token, p.Headers!["Authorization"].Single()));
    }

    [Fact]
    public async Task Email_reports_a_failed_operation_by_its_code_without_the_address()
    {
        var operation = _server.Url + "/emails/operations/op-2?api-version=2025-09-01";
        _server.Given(Request.Create().WithPath("/emails:send").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(202).WithHeader("Operation-Location", operation).WithHeader("Retry-After", "0")
                .WithBody("""{ "id": "op-2", "status": "NotStarted" }"""));
        _server.Given(Request.Create().WithPath("/emails/operations/op-2").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(
                """{ "id": "op-2", "status": "Failed", """
                + """ "error": { "code": "EmailDropped", "message": "lead.billing@contoso.example bounced" } }"""));
        using var h = Harness(
            ("Notifications:EmailEndpoint", _server.Url!), ("Notifications:EmailSender", "DoNotReply@cx.azurecomm.example"));

        var outcome = await h.Channel("email").SendAsync(ChannelHarness.Delivery(ChannelHarness.Lead()), CancellationToken.None);

        Assert.Equal("failed: Failed (EmailDropped)", outcome.ToString());
    }

    [Fact]
    public async Task Email_to_a_person_without_an_address_is_not_configured_and_sends_nothing()
    {
        using var h = Harness(
            ("Notifications:EmailEndpoint", _server.Url!), ("Notifications:EmailSender", "DoNotReply@cx.azurecomm.example"));

        var outcome = await h.Channel("email").SendAsync(ChannelHarness.Delivery(ChannelHarness.Lead(email: null)), CancellationToken.None);

        Assert.Equal(ChannelStatus.NotConfigured, outcome.Status);
        Assert.Empty(_server.LogEntries);
    }

    [Fact]
    public async Task Webhook_gets_the_documented_body_signed_with_hmac_sha256_over_timestamp_and_body()
    {
        const string Secret = "a-webhook-secret-of-some-length";
        _server.Given(Request.Create().WithPath("/hook").UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
        using var h = Harness(("Notifications:WebhookUrl", _server.Url + "/hook"), ("Notifications:WebhookSecret", Secret));

        var outcome = await h.Channel("webhook").SendAsync(ChannelHarness.Delivery(ChannelHarness.Lead()), CancellationToken.None);

        Assert.Equal(ChannelStatus.Delivered, outcome.Status);
        var request = Assert.Single(_server.LogEntries).RequestMessage;
        var timestamp = request.Headers!["X-Cx-Timestamp"].Single();
        Assert.InRange(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var expected = "sha256=" + Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(timestamp + "." + request.Body)));
        Assert.Equal(expected, request.Headers["X-Cx-Signature"].Single());
        Assert.Equal("task-alert1-s0002", request.Headers["X-Cx-Notification-Id"].Single());
        var body = JsonNode.Parse(request.Body!)!;
        Assert.Equal("cx.notification", body["type"]!.GetValue<string>());
        Assert.Equal(1, body["version"]!.GetValue<int>());
        Assert.Equal("task-alert1-s0002", body["id"]!.GetValue<string>());
        Assert.Equal("assigned", body["kind"]!.GetValue<string>());
        Assert.Equal("lead-billing", body["recipient"]!["id"]!.GetValue<string>());
        Assert.Equal("task-alert1", body["task"]!["id"]!.GetValue<string>());
        Assert.Equal("Critical", body["task"]!["severity"]!.GetValue<string>());
        Assert.Equal(ExpectedLink, body["task"]!["link"]!.GetValue<string>());
        Assert.DoesNotContain("lead.billing@contoso.example", request.Body, StringComparison.Ordinal); // no address leaves by webhook
    }

    [Fact]
    public async Task Webhook_without_a_secret_is_sent_unsigned()
    {
        _server.Given(Request.Create().WithPath("/hook").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        using var h = Harness(("Notifications:WebhookUrl", _server.Url + "/hook"));

        Assert.Equal(
            ChannelStatus.Delivered,
            (await h.Channel("webhook").SendAsync(ChannelHarness.Delivery(ChannelHarness.Lead()), CancellationToken.None)).Status);

        Assert.False(Assert.Single(_server.LogEntries).RequestMessage.Headers!.ContainsKey("X-Cx-Signature"));
    }

    [Fact]
    public async Task With_no_settings_every_channel_is_not_configured_and_nothing_is_sent()
    {
        using var h = Harness();

        foreach (var name in new[] { "teams", "email", "webhook" })
        {
            var outcome = await h.Channel(name).SendAsync(ChannelHarness.Delivery(ChannelHarness.Lead()), CancellationToken.None);
            Assert.Equal("not configured", outcome.ToString());
        }

        Assert.Empty(_server.LogEntries);
    }

    [Fact]
    public async Task An_unresolved_key_vault_reference_counts_as_not_configured()
    {
        using var h = Harness(
            ("Notifications:WebhookUrl", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/cx-webhook-url/)"));

        var outcome = await h.Channel("webhook").SendAsync(ChannelHarness.Delivery(ChannelHarness.Lead()), CancellationToken.None);

        Assert.Equal("not configured (Key Vault reference unresolved)", outcome.ToString());
    }
}

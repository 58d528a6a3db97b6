using CxServerless.Domain.Events;
using CxServerless.Domain.Ingestion;
using CxServerless.Testing;
using static CxServerless.Domain.Tests.Ingestion.PipelineHarness;

namespace CxServerless.Domain.Tests.Ingestion;

/// <summary>
/// The adapters of issue 14, field by field against the vendor-written fixtures (CxServerless.Testing/VendorFixtures)
/// and the samples shaped per the vendors' schemas (VendorSamples.Shaped.cs). Expected values are read off the payloads
/// and the vendors' documentation, never from the adapters.
/// </summary>
public sealed class VendorAdapterTests
{
    private static DateTimeOffset T(string utc) => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

    private static string Fixture(string file) => VendorFixtures.All.Single(f => f.File == file).Body;

    private static CxEvent One(string body, string enqueued, IngestionPipeline? pipeline = null)
    {
        var outcome = Assert.Single(RunAll(pipeline ?? Fresh(), body, enqueued));
        Assert.Null(outcome.Rejection);
        return outcome.Event!;
    }

    private static Rejection Unsupported(string body, string enqueued, string source)
    {
        var outcome = Assert.Single(RunAll(Fresh(), body, enqueued));
        Assert.Equal(source, outcome.SourceSystem);
        Assert.Equal(QuarantineReason.UnsupportedType, outcome.Rejection?.Reason);
        return outcome.Rejection!;
    }

    [Fact]
    public void Salesforce_case_updates_without_origin_take_the_channel_of_the_cases_earlier_event_or_unknown()
    {
        var pipeline = Fresh();
        Assert.Equal(CxChannel.Voice, One(VendorSamples.SalesforceCaseCreated, "2024-06-01T10:00:02Z", pipeline).Channel);
        var update = One(VendorSamples.SalesforceCaseWorking, "2024-06-01T10:30:02Z", pipeline);
        Assert.Equal(CxEventType.CaseUpdated, update.Type);
        Assert.Equal(CxChannel.Voice, update.Channel);
        Assert.Equal(CxChannel.Voice, One(VendorSamples.SalesforceCaseClosed, "2024-06-01T12:30:01Z", pipeline).Channel);

        // A pipeline that never saw the case's creation stores the update all the same, with an unknown channel.
        var alone = One(VendorSamples.SalesforceCaseWorking, "2024-06-01T10:30:02Z");
        Assert.Equal(CxChannel.Unknown, alone.Channel);
        Assert.Equal("Working", alone.OutcomeReason);
    }

    [Fact]
    public void The_case_channel_memory_is_bounded()
    {
        var map = new CaseChannelMap(capacity: 100);
        for (var i = 0; i < 1_000; i++)
        {
            map.Remember("salesforce", $"case-{i}", CxChannel.Email);
            Assert.InRange(map.Count, 1, 100);
        }

        Assert.Equal(CxChannel.Email, map.Find("salesforce", "case-999"));
        Assert.Null(map.Find("salesforce", "case-0"));
        Assert.Null(map.Find("zendesk", "case-999"));
    }

    [Theory]
    [InlineData(nameof(VendorSamples.SalesforceAccountChange), "2024-06-01T10:30:02Z", "salesforce", "AccountChangeEvent")]
    [InlineData(nameof(VendorSamples.StorageBlobCreated), "2017-06-26T18:41:03Z", "azure", "Microsoft.Storage.BlobCreated")]
    [InlineData(nameof(VendorSamples.ConnectAgentHeartbeat), "2019-05-25T18:44:02Z", "amazon-connect", "HEART_BEAT")]
    [InlineData(nameof(VendorSamples.GenesysPresence), "2022-04-06T09:33:02Z", "genesys-cloud", "v2.users.{id}.presence")]
    [InlineData(nameof(VendorSamples.SurveyMonkeyCollectorCreated), "2016-01-01T21:56:35Z", "surveymonkey", "collector_created")]
    public void Payloads_the_app_does_not_model_are_unsupported_type_naming_vendor_and_type_never_unknown(
        string sample, string enqueued, string source, string type)
    {
        const System.Reflection.BindingFlags Flags = System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public;
        var body = (string)typeof(VendorSamples).GetField(sample, Flags)!.GetValue(null)!;
        Assert.Contains(type, Unsupported(body, enqueued, source).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Zendesk_ticket_from_the_tickets_api_is_a_case_update_on_the_web_channel()
    {
        var e = One(Fixture("zendesk-api-ticket-show-incident-web.json"), "2015-09-03T00:38:00Z");
        Assert.Equal("zendesk", e.SourceSystem);
        Assert.Equal(CxEventType.CaseUpdated, e.Type);
        Assert.Equal(T("2015-09-03T00:37:57Z"), e.EventTime);
        Assert.Equal("1", e.ConversationId);
        Assert.Equal(CxChannel.Web, e.Channel);
        Assert.Equal("20001662", e.Team);
        Assert.Equal("pending", e.OutcomeReason);
        Assert.Equal(Pseudonyms.Agent("20014182", "zendesk"), e.AgentKey);
        Assert.Equal(Customer(IdentifierKind.Account, "20014182", "zendesk"), e.CustomerKey);
        Assert.Null(e.Text);
    }

    [Fact]
    public void Zendesk_incremental_export_gives_one_event_per_ticket()
    {
        var outcomes = RunAll(Fresh(), VendorSamples.ZendeskTicketExport, "2024-06-01T09:06:00Z");
        Assert.Equal(2, outcomes.Count);
        var solved = outcomes[0].Event!;
        var opened = outcomes[1].Event!;
        Assert.Equal(
            (CxEventType.CaseResolved, CxOutcome.Resolved, CxChannel.Email, "7001"),
            (solved.Type, solved.Outcome!.Value, solved.Channel, solved.ConversationId));
        Assert.Equal((CxEventType.CaseOpened, CxChannel.Voice, "7002"), (opened.Type, opened.Channel, opened.ConversationId));
        Assert.Equal("Caller asked for a call back on [phone]", opened.Text);
        Assert.Equal("0:42", outcomes[0].Origin);
        Assert.Equal("0:42#1", outcomes[1].Origin);
        Assert.NotEqual(outcomes[0].DedupeKey, outcomes[1].DedupeKey);
    }

    [Fact]
    public void Zendesk_ticket_metrics_take_the_channel_of_the_tickets_earlier_event()
    {
        var pipeline = Fresh();
        One(Fixture("zendesk-api-ticket-show-incident-web.json"), "2015-09-03T00:38:00Z", pipeline);
        var e = One(Fixture("zendesk-api-ticket-metric-ticket1.json"), "2015-09-03T00:38:01Z", pipeline);
        Assert.Equal(CxEventType.FirstResponse, e.Type);
        Assert.Equal("1", e.ConversationId);
        Assert.Equal(CxChannel.Web, e.Channel);
        Assert.Equal(120, e.Measures.FirstResponseSeconds);
        Assert.Null(e.Measures.ResolutionSeconds);
        Assert.Equal(0, e.Measures.Transfers);
    }

    [Fact]
    public void Zendesk_satisfaction_ratings_list_gives_one_survey_response_per_rating()
    {
        var outcomes = RunAll(Fresh(), VendorSamples.ZendeskSatisfactionRatings, "2024-06-01T10:06:00Z");
        Assert.Equal([1, 5], outcomes.Select(o => o.Event!.Scores.Csat!.Value));
        Assert.Equal(["7001", "7003"], outcomes.Select(o => o.Event!.ConversationId));
        var single = One(Fixture("zendesk-api-satisfaction-rating-show.json"), "2012-09-07T19:04:22Z");
        Assert.Equal((5, "35", "Satisfaction!"), (single.Scores.Csat!.Value, single.ConversationId, single.Text!));
    }

    [Fact]
    public void Genesys_customer_start_and_end_are_a_chat_contact_started_and_ended()
    {
        var start = One(Fixture("genesys-eventbridge-conversation-customer-start.json"), "2022-04-06T09:30:48Z");
        Assert.Equal("genesys-cloud", start.SourceSystem);
        Assert.Equal(CxEventType.ContactStarted, start.Type);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1649237444949), start.EventTime);
        Assert.Equal("2f7bf00a-0fc2-4d6a-9b56-92238191433e", start.ConversationId);
        Assert.Equal(CxChannel.Chat, start.Channel);
        Assert.Equal("adbcfa5b-0116-4baa-b66b-a3f5902e95bf", start.EventId);
        Assert.Equal("us-east-1", start.Region);
        Assert.Equal(Customer(IdentifierKind.Account, "uwu", "genesys-cloud"), start.CustomerKey);

        var end = One(Fixture("genesys-eventbridge-conversation-customer-end.json"), "2022-06-14T16:12:15Z");
        Assert.Equal(CxEventType.ContactEnded, end.Type);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1649237504949), end.EventTime);
        Assert.Equal(60, end.Measures.TalkSeconds);
        Assert.Equal(start.ConversationId, end.ConversationId);
    }

    [Fact]
    public void Genesys_acd_start_is_queued_and_acd_end_abandon_is_an_abandon_with_its_wait()
    {
        var queued = One(VendorSamples.GenesysAcdStart, "2022-04-06T09:30:52Z");
        Assert.Equal((CxEventType.ContactQueued, "d1a7a4c2-0000-4000-8000-00000000q001"), (queued.Type, queued.Queue!));
        var abandoned = One(VendorSamples.GenesysAcdEndAbandon, "2022-04-06T09:32:12Z");
        Assert.Equal((CxEventType.ContactAbandoned, CxOutcome.Abandoned), (abandoned.Type, abandoned.Outcome!.Value));
        Assert.Equal(80, abandoned.Measures.WaitSeconds);
    }

    [Fact]
    public void Amazon_Connect_contact_event_connected_to_agent_is_an_answer_with_the_queue_wait()
    {
        var e = One(Fixture("amazon-connect-contact-event-connected-to-agent-detail.json"), "2021-08-04T17:29:12Z");
        Assert.Equal("amazon-connect", e.SourceSystem);
        Assert.Equal(CxEventType.ContactAnswered, e.Type);
        Assert.Equal(T("2021-08-04T17:29:09Z"), e.EventTime);
        Assert.Equal("11111111-1111-1111-1111-111111111111", e.ConversationId);
        Assert.Equal(CxChannel.Voice, e.Channel);
        Assert.Equal(5, e.Measures.WaitSeconds);
        Assert.Equal("us-west-2", e.Region);
        Assert.Equal("12345678-1234-1234-1234-123456789012", e.Queue);
        const string Instance = "arn:aws::connect:us-west-2:123456789012:instance/12345678-1234-1234-1234-123456789012";
        Assert.Equal(Pseudonyms.Agent(Instance + "/agent/12345678-1234-1234-1234-123456789012", "amazon-connect"), e.AgentKey);
    }

    [Fact]
    public void Amazon_Connect_contact_events_through_EventBridge_follow_the_contact_live()
    {
        var pipeline = Fresh();
        var started = One(VendorSamples.ConnectEventInitiated, "2021-08-04T17:17:55Z", pipeline);
        var queued = One(VendorSamples.ConnectEventQueued, "2021-08-04T17:18:32Z", pipeline);
        var gone = One(VendorSamples.ConnectEventDisconnectedAbandoned, "2021-08-04T17:20:02Z", pipeline);
        Assert.Equal(
            [CxEventType.ContactStarted, CxEventType.ContactQueued, CxEventType.ContactAbandoned],
            new[] { started.Type, queued.Type, gone.Type });
        Assert.Equal("q-billing", queued.Queue);
        Assert.Equal(90, gone.Measures.WaitSeconds);
        Assert.Equal(CxOutcome.Abandoned, gone.Outcome);
        Assert.Equal("22222222-2222-2222-2222-222222222222/INITIATED", started.EventId);
    }

    [Fact]
    public void Contact_Lens_segments_give_one_message_per_transcript_with_its_sentiment()
    {
        var outcomes = RunAll(Fresh(), Fixture("amazon-connect-contact-lens-realtime-segments.json"), "2023-06-01T10:00:00Z");
        Assert.Equal(2, outcomes.Count);
        var agent = outcomes[0].Event!;
        var customer = outcomes[1].Event!;
        Assert.Equal((CxEventType.MessagePosted, CxChannel.Voice, 0d), (agent.Type, agent.Channel, agent.Scores.Sentiment!.Value));
        Assert.Equal(-1, customer.Scores.Sentiment);
        Assert.Equal(T("2023-06-01T10:00:00Z"), customer.EventTime);
        Assert.Equal("the ID of the contact", customer.ConversationId);
        Assert.StartsWith("I'm having trouble submitting the application", customer.Text, StringComparison.Ordinal);
        Assert.NotEqual(outcomes[0].DedupeKey, outcomes[1].DedupeKey);
    }

    [Fact]
    public void Twilio_events_list_stores_the_reservation_and_quarantines_worker_activity()
    {
        var outcomes = RunAll(Fresh(), Fixture("twilio-taskrouter-events-list-reservation-created.json"), "2015-07-31T23:36:36Z");
        Assert.Equal(
            [QuarantineReason.UnsupportedType, null, QuarantineReason.UnsupportedType],
            outcomes.Select(o => o.Rejection?.Reason));
        Assert.Contains("worker.activity.update", outcomes[0].Rejection!.Detail, StringComparison.Ordinal);
        var offered = outcomes[1].Event!;
        Assert.Equal("twilio", offered.SourceSystem);
        Assert.Equal(CxEventType.ContactOffered, offered.Type);
        Assert.Equal("WTd480a09f869b59812e7690af3e7cf23c", offered.ConversationId);
        Assert.Equal("EV931fd4a3f59617469e50c4c92e1e5011", offered.EventId);
        Assert.Equal("WQ3264f1ece8f6c9dcaba5b19ff6f6cf81", offered.Queue);
        Assert.Equal(Pseudonyms.Agent("WKa0f24176fee1938e495760b1122995b6", "twilio"), offered.AgentKey);
        Assert.Equal(T("2015-07-31T23:36:33Z"), offered.EventTime);
    }

    [Fact]
    public void Twilio_callback_and_reservation_accepted_key_the_caller_by_phone()
    {
        var created = One(VendorSamples.TwilioTaskCreatedCallback, "2015-07-31T23:36:35Z");
        Assert.Equal((CxEventType.ContactStarted, CxChannel.Voice), (created.Type, created.Channel));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1438385793), created.EventTime);
        Assert.Equal(Customer(IdentifierKind.Phone, "+1 415 555 0100", "other"), created.CustomerKey);
        var accepted = One(VendorSamples.TwilioReservationAccepted, "2015-07-31T23:37:05Z");
        Assert.Equal((CxEventType.ContactAnswered, 30d), (accepted.Type, accepted.Measures.WaitSeconds!.Value));
        Assert.Equal(created.CustomerKey, accepted.CustomerKey);
    }

    [Fact]
    public void SurveyMonkey_response_completed_is_a_survey_response_without_scores()
    {
        var e = One(Fixture("surveymonkey-webhook-response-event-data.json"), "2016-01-01T21:56:35Z");
        Assert.Equal("surveymonkey", e.SourceSystem);
        Assert.Equal(CxEventType.SurveyResponse, e.Type);
        Assert.Equal(CxChannel.Survey, e.Channel);
        Assert.Equal("123456789", e.EventId);
        Assert.Equal("123456789/123456", e.ConversationId);
        Assert.Equal(T("2016-01-01T21:56:31.182613Z"), e.EventTime);
        Assert.Null(e.Scores.Csat);
        Assert.Equal(2, e.CustomerAliases.Count);
    }

    [Fact]
    public void Acs_job_router_lifecycle_is_stored_step_by_step_in_both_schemas()
    {
        var received = One(Fixture("acs-eventgrid-router-job-received.json"), "2022-02-17T00:55:28Z");
        var classified = One(Fixture("acs-eventgrid-router-job-classified.json"), "2022-02-17T00:55:28Z");
        var queued = One(Fixture("acs-eventgrid-router-job-queued.json"), "2022-02-17T00:55:28Z");
        var offered = One(Fixture("acs-eventgrid-router-worker-offer-issued.json"), "2022-02-17T00:55:28Z");
        var closed = One(VendorSamples.AcsRouterJobClosed, "2022-02-17T00:59:02Z");
        var exception = One(VendorSamples.AcsRouterJobExceptionTriggered, "2022-02-17T00:58:02Z");
        var cloud = One(VendorSamples.AcsRouterJobQueuedCloudEvent, "2022-02-17T00:55:28Z");
        Assert.Equal(
            [CxEventType.ContactStarted, CxEventType.ContactUpdated, CxEventType.ContactQueued, CxEventType.ContactOffered,
             CxEventType.ContactUpdated, CxEventType.ContactUpdated, CxEventType.ContactQueued],
            new[] { received.Type, classified.Type, queued.Type, offered.Type, closed.Type, exception.Type, cloud.Type });
        Assert.Equal("classified", classified.OutcomeReason);
        Assert.Equal("closed:resolved", closed.OutcomeReason);
        Assert.Equal("exception:waitTooLong", exception.OutcomeReason);
        Assert.Equal(Pseudonyms.Agent("w100", "azure-communication-services"), offered.AgentKey);
        Assert.All([received, classified, queued, offered, closed, exception, cloud], e =>
        {
            Assert.Equal("7f1df17b-570b-4ae5-9cf5-fe6ff64cc712", e.ConversationId);
            Assert.Equal(CxChannel.Voice, e.Channel);
        });
        Assert.Equal(queued.EventId, cloud.EventId);
        Assert.Equal(T("2022-02-17T00:55:25.1736293Z"), cloud.EventTime);
        Assert.Equal("625fec06-ab81-4e60-b780-f364ed96ade1", cloud.Queue);
    }
}

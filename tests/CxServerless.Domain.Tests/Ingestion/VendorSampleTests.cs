using CxServerless.Domain.Events;
using CxServerless.Domain.Ingestion;
using CxServerless.Testing;
using static CxServerless.Domain.Tests.Ingestion.PipelineHarness;

namespace CxServerless.Domain.Tests.Ingestion;

/// <summary>Each vendor's documented sample, normalised and asserted field by field. Sources are in <see cref="VendorSamples"/>.</summary>
public sealed class VendorSampleTests
{
    private static DateTimeOffset T(string utc) => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

    private static CxEvent Accepted(IngestionOutcome outcome)
    {
        Assert.Null(outcome.Rejection);
        return Assert.IsType<CxEvent>(outcome.Event);
    }

    [Fact]
    public void Amazon_Connect_voice_contact_record_is_a_contact_ended_with_queue_agent_hold_and_acw()
    {
        var e = Accepted(RunAt(VendorSamples.ConnectVoice, "2022-04-08T15:03:05Z"));
        Assert.Equal("15a5cf14-3212-45a1-9f86-a8e97db8afaf", e.EventId);
        Assert.Equal("amazon-connect", e.SourceSystem);
        Assert.Equal(CxEventType.ContactEnded, e.Type);
        Assert.Equal(T("2022-04-08T15:01:22Z"), e.EventTime);
        Assert.Equal(TimeSpan.Zero, e.EventTime.Offset);
        Assert.Equal(T("2022-04-08T15:03:05Z"), e.IngestTime);
        Assert.Equal("15a5cf14-3212-45a1-9f86-a8e97db8afaf", e.ConversationId);
        Assert.Equal(CxChannel.Voice, e.Channel);
        Assert.Equal("BasicQueue", e.Queue);
        Assert.Null(e.Team);
        Assert.Equal("us-east-1", e.Region);
        Assert.Equal(Pseudonyms.Agent("arn:aws:connect:us-east-1:970025851406:instance/1d908e11-3d5f-4cfb-b34d-1e7e0f216898/agent/57db30ae-8c01-44e6-abd5-80b7b51944cf", "amazon-connect"), e.AgentKey);
        Assert.Equal(Customer(IdentifierKind.Phone, "+17208401003", "amazon-connect"), e.CustomerKey);
        Assert.Equal(7, e.Measures.WaitSeconds);
        Assert.Equal(64, e.Measures.IvrSeconds);
        Assert.Equal(33, e.Measures.TalkSeconds);
        Assert.Equal(0, e.Measures.HoldSeconds);
        Assert.Equal(32, e.Measures.AfterContactWorkSeconds);
        Assert.Null(e.Measures.Transfers);
        Assert.Null(e.Outcome);
        Assert.Equal("CUSTOMER_DISCONNECT", e.OutcomeReason);
        Assert.Null(e.Text);
        Assert.Equal(CxEvent.CurrentSchemaVersion, e.SchemaVersion);
    }

    [Fact]
    public void Amazon_Connect_chat_contact_record_keeps_the_initial_contact_as_conversation_and_records_the_transfer()
    {
        var e = Accepted(RunAt(VendorSamples.ConnectChat, "2024-06-01T10:08:30Z"));
        Assert.Equal("chat-0002", e.EventId);
        Assert.Equal("chat-0001", e.ConversationId);
        Assert.Equal(CxChannel.Chat, e.Channel);
        Assert.Equal(CxEventType.ContactEnded, e.Type);
        Assert.Equal("Chat Billing", e.Queue);
        Assert.Equal("Billing", e.Team);
        Assert.Equal("eu-west-2", e.Region);
        Assert.Equal(45, e.Measures.WaitSeconds);
        Assert.Equal(410, e.Measures.TalkSeconds);
        Assert.Null(e.Measures.HoldSeconds);
        Assert.Equal(20, e.Measures.AfterContactWorkSeconds);
        Assert.Equal(1, e.Measures.Transfers);
        Assert.Equal(CxOutcome.Transferred, e.Outcome);
        Assert.Equal("AGENT_DISCONNECT", e.OutcomeReason);
        Assert.Null(e.CustomerKey);
        Assert.Empty(e.CustomerAliases);
    }

    [Fact]
    public void Amazon_Connect_record_without_agent_is_an_abandoned_contact()
    {
        var e = Accepted(RunAt(VendorSamples.ConnectAbandoned, "2024-06-01T09:04:00Z"));
        Assert.Equal(CxEventType.ContactAbandoned, e.Type);
        Assert.Equal(CxOutcome.Abandoned, e.Outcome);
        Assert.Equal(170, e.Measures.WaitSeconds);
        Assert.Equal(20, e.Measures.IvrSeconds);
        Assert.Null(e.AgentKey);
        Assert.Equal(Customer(IdentifierKind.Phone, "+442079460958", "any-source"), e.CustomerKey);
    }

    [Fact]
    public void Acs_call_started_and_ended_share_the_server_call_as_conversation()
    {
        var started = Accepted(RunAt(VendorSamples.AcsCallStarted, "2021-09-22T17:02:40Z"));
        var ended = Accepted(RunAt(VendorSamples.AcsCallEnded, "2021-09-22T17:03:15Z"));
        Assert.Equal("CallStarted/a8bcd8a3-12d7-46ba-8cde-f6d0bda8feeb", started.EventId);
        Assert.Equal("azure-communication-services", started.SourceSystem);
        Assert.Equal(CxEventType.ContactStarted, started.Type);
        Assert.Equal(T("2021-09-22T17:02:38.6905856Z"), started.EventTime);
        Assert.Equal("{serverCallId}", started.ConversationId);
        Assert.Equal(CxChannel.Voice, started.Channel);
        Assert.Equal(Customer(IdentifierKind.Account, "8:acs:bc360ba8-d29b-4ef2-b698-769ebef85521_0000000c-1fb9-4878-07fd-0848220077e1", "azure-communication-services"), started.CustomerKey);
        Assert.Equal(CxEventType.ContactEnded, ended.Type);
        Assert.Equal(started.ConversationId, ended.ConversationId);
        Assert.Equal(49.728617199999995, ended.Measures.TalkSeconds);
        Assert.Equal(started.CustomerKey, ended.CustomerKey);
    }

    [Fact]
    public void Acs_chat_message_received_is_a_message_posted_identified_by_thread_and_message()
    {
        var e = Accepted(RunAt(VendorSamples.AcsChatMessageReceived, "2021-02-19T00:26:00Z"));
        Assert.Equal("19:6e5d6ca1d75044a49a36a7965ec4a906@thread.v2/1613694358927", e.EventId);
        Assert.Equal(CxEventType.MessagePosted, e.Type);
        Assert.Equal(T("2021-02-19T00:25:58.927Z"), e.EventTime);
        Assert.Equal("19:6e5d6ca1d75044a49a36a7965ec4a906@thread.v2", e.ConversationId);
        Assert.Equal(CxChannel.Chat, e.Channel);
        Assert.Equal("Welcome to Azure Communication Services", e.Text);
        Assert.Equal(Customer(IdentifierKind.Account, "8:acs:109f0644-b956-4cd9-87b1-71024f6e2f44_00000008-578d-7caf-07fd-084822001724", "azure-communication-services"), e.CustomerKey);
    }

    [Fact]
    public void Acs_job_router_job_lifecycle_maps_to_started_queued_answered_ended_and_abandoned()
    {
        const string at = "2022-02-17T00:56:00Z";
        var received = Accepted(RunAt(VendorSamples.AcsRouterJobReceived, at));
        var queued = Accepted(RunAt(VendorSamples.AcsRouterJobQueued, at));
        var accepted = Accepted(RunAt(VendorSamples.AcsRouterWorkerOfferAccepted, at));
        var completed = Accepted(RunAt(VendorSamples.AcsRouterJobCompleted, at));
        var cancelled = Accepted(RunAt(VendorSamples.AcsRouterJobCancelled, at));

        Assert.Equal([CxEventType.ContactStarted, CxEventType.ContactQueued, CxEventType.ContactAnswered, CxEventType.ContactEnded, CxEventType.ContactAbandoned],
            [received.Type, queued.Type, accepted.Type, completed.Type, cancelled.Type]);
        Assert.All(new[] { received, queued, accepted, completed, cancelled }, e =>
        {
            Assert.Equal("7f1df17b-570b-4ae5-9cf5-fe6ff64cc712", e.ConversationId);
            Assert.Equal(CxChannel.Voice, e.Channel);
            Assert.Equal(T("2022-02-17T00:55:25.1736293Z"), e.EventTime);
        });
        Assert.Equal("queue-id", received.Queue);
        Assert.Equal("625fec06-ab81-4e60-b780-f364ed96ade1", queued.Queue);
        Assert.Equal(Pseudonyms.Agent("w100", "azure-communication-services"), accepted.AgentKey);
        Assert.Equal(Pseudonyms.Agent("e3a3f2f9-3582-4bfe-9c5a-aa57831a0f88", "azure-communication-services"), completed.AgentKey);
        Assert.Null(cancelled.Queue);
        Assert.Equal(CxOutcome.Abandoned, cancelled.Outcome);
        Assert.Equal("100", cancelled.OutcomeReason);
        Assert.Equal("Cancelled due to <reason>", cancelled.Text);
        Assert.Equal("RouterJobQueued/b6d8687a-5a1a-42ae-b8b5-ff7ec338c872", queued.EventId);
        Assert.NotEqual(queued.EventId, completed.EventId);
    }

    [Fact]
    public void Acs_documented_offer_declined_sample_is_invalid_json_and_worker_events_are_unsupported()
    {
        var declined = RunAt(VendorSamples.AcsRouterWorkerOfferDeclined, "2022-02-17T00:56:00Z");
        Assert.Equal(QuarantineReason.InvalidJson, declined.Rejection?.Reason);
        Assert.Equal("unknown", declined.SourceSystem);

        var deregistered = RunAt(VendorSamples.AcsRouterWorkerDeregistered, "2022-02-17T00:56:00Z");
        Assert.Equal(QuarantineReason.UnsupportedType, deregistered.Rejection?.Reason);
        Assert.Equal("azure-communication-services", deregistered.SourceSystem);
    }

    [Fact]
    public void Zendesk_agent_assignment_changed_is_a_case_update_on_the_web_channel()
    {
        var e = Accepted(RunAt(VendorSamples.ZendeskAgentAssignmentChanged, "2019-05-25T01:23:48Z"));
        Assert.Equal("ecd26460-0ca3-433b-b908-d891a0aa6fb4", e.EventId);
        Assert.Equal("zendesk", e.SourceSystem);
        Assert.Equal(CxEventType.CaseUpdated, e.Type);
        Assert.Equal(new DateTimeOffset(2019, 5, 25, 1, 23, 45, TimeSpan.Zero).AddTicks(4657198), e.EventTime);
        Assert.Equal("35436", e.ConversationId);
        Assert.Equal(CxChannel.Web, e.Channel);
        Assert.Equal("98738", e.Team);
        Assert.Equal(Pseudonyms.Agent("235324", "zendesk"), e.AgentKey);
        Assert.Equal(Customer(IdentifierKind.Account, "20978392", "zendesk"), e.CustomerKey);
        Assert.Null(e.Outcome);
    }

    [Fact]
    public void Zendesk_status_changed_to_solved_is_a_case_resolved()
    {
        var e = Accepted(RunAt(VendorSamples.ZendeskStatusChanged, "2019-05-27T08:00:03Z"));
        Assert.Equal(CxEventType.CaseResolved, e.Type);
        Assert.Equal(CxOutcome.Resolved, e.Outcome);
        Assert.Equal("solved", e.OutcomeReason);
        Assert.Equal(CxChannel.Email, e.Channel);
        Assert.Equal(T("2019-05-27T08:00:01.125Z"), e.EventTime);
    }

    [Fact]
    public void Zendesk_comment_created_is_a_message_with_personal_data_masked()
    {
        var e = Accepted(RunAt(VendorSamples.ZendeskCommentCreated, "2019-05-25T01:30:00Z"));
        Assert.Equal(CxEventType.MessagePosted, e.Type);
        Assert.Equal("Please call me on [phone] or mail [email], card [card]", e.Text);
    }

    [Fact]
    public void Zendesk_ticket_metrics_give_reply_resolution_and_hold_in_seconds()
    {
        var properties = new Dictionary<string, string> { [RawEvent.ChannelProperty] = "email" };
        var e = Accepted(RunAt(VendorSamples.ZendeskTicketMetric, "2011-05-05T10:40:00Z", properties));
        Assert.Equal("33@2011-05-05T10:38:52.0000000+00:00", e.EventId);
        Assert.Equal(CxEventType.CaseResolved, e.Type);
        Assert.Equal(T("2011-05-05T10:38:52Z"), e.EventTime);
        Assert.Equal("4343", e.ConversationId);
        Assert.Equal(CxChannel.Email, e.Channel);
        Assert.Equal(2391 * 60, e.Measures.FirstResponseSeconds);
        Assert.Equal(2391 * 60, e.Measures.ResolutionSeconds);
        Assert.Equal(2290 * 60, e.Measures.HoldSeconds);
        Assert.Equal(6, e.Measures.Transfers);
        Assert.Equal(CxOutcome.Resolved, e.Outcome);
    }

    [Fact]
    public void Zendesk_ticket_metrics_without_a_declared_channel_are_stored_with_an_unknown_channel()
    {
        var outcome = RunAll(Fresh(), VendorSamples.ZendeskTicketMetric, "2011-05-05T10:40:00Z")[0];
        Assert.Equal("zendesk", outcome.SourceSystem);
        Assert.Equal(CxChannel.Unknown, Accepted(outcome).Channel);
    }

    [Fact]
    public void Zendesk_satisfaction_rating_good_is_a_top_box_csat_with_verbatim()
    {
        var e = Accepted(RunAt(VendorSamples.ZendeskSatisfactionRating, "2011-07-20T23:00:00Z"));
        Assert.Equal(CxEventType.SurveyResponse, e.Type);
        Assert.Equal(CxChannel.Survey, e.Channel);
        Assert.Equal("208", e.ConversationId);
        Assert.Equal(5, e.Scores.Csat);
        Assert.Null(e.Scores.Nps);
        Assert.Equal("Awesome support!", e.Text);
        Assert.Equal("44", e.Team);
        Assert.Equal(Pseudonyms.Agent("135", "zendesk"), e.AgentKey);
        Assert.Equal(Customer(IdentifierKind.Account, "7881", "zendesk"), e.CustomerKey);
    }

    [Fact]
    public void Salesforce_case_create_is_a_case_opened_with_origin_owner_queue_and_email_customer()
    {
        var e = Accepted(RunAt(VendorSamples.SalesforceCaseCreated, "2024-06-01T10:00:02Z"));
        Assert.Equal("0002343d-9d90-e395-ed20-cf416ba652ad/1/5003000000D8cuIQAA", e.EventId);
        Assert.Equal("salesforce", e.SourceSystem);
        Assert.Equal(CxEventType.CaseOpened, e.Type);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1717236000000), e.EventTime);
        Assert.Equal("5003000000D8cuIQAA", e.ConversationId);
        Assert.Equal(CxChannel.Voice, e.Channel);
        Assert.Equal("00G30000001aBcDEAU", e.Queue);
        Assert.Null(e.AgentKey);
        Assert.Equal(Customer(IdentifierKind.Email, "jane.doe@example.com", "other-source"), e.CustomerKey);
        Assert.Equal([e.CustomerKey!, Customer(IdentifierKind.Account, "0033000000XyZ12AAB", "salesforce")], e.CustomerAliases);
        Assert.Equal("New", e.OutcomeReason);
        Assert.Equal("Customer asks about invoice; call back on [phone]", e.Text);
    }

    [Fact]
    public void Salesforce_case_closed_update_is_a_case_resolved_on_the_declared_channel()
    {
        var properties = new Dictionary<string, string> { [RawEvent.ChannelProperty] = "voice" };
        var e = Accepted(RunAt(VendorSamples.SalesforceCaseClosed, "2024-06-01T12:30:01Z", properties));
        Assert.Equal(CxEventType.CaseResolved, e.Type);
        Assert.Equal(CxOutcome.Resolved, e.Outcome);
        Assert.Equal("Closed", e.OutcomeReason);
        Assert.Equal(CxChannel.Voice, e.Channel);
        Assert.Equal("5003000000D8cuIQAA", e.ConversationId);
        Assert.Null(e.CustomerKey);
    }

    [Fact]
    public void Help_Scout_nps_response_is_a_survey_response_keyed_by_the_customers_email()
    {
        var e = Accepted(RunAt(VendorSamples.HelpScoutNps, "2022-09-05T13:44:00Z"));
        Assert.Equal("eh-0-42", e.EventId);
        Assert.Equal("helpscout", e.SourceSystem);
        Assert.Equal(CxEventType.SurveyResponse, e.Type);
        Assert.Equal(CxChannel.Survey, e.Channel);
        Assert.Equal(9, e.Scores.Nps);
        Assert.Null(e.Scores.Csat);
        Assert.Equal("Amazing customer experience!", e.Text);
        Assert.Equal("Monthly NPS survey/500", e.ConversationId);
        Assert.Equal(Customer(IdentifierKind.Email, "bear@acme.com", "x"), e.CustomerKey);
        Assert.Equal(3, e.CustomerAliases.Count);
    }

    [Fact]
    public void Help_Scout_faces_response_maps_happy_to_csat_five()
    {
        var e = Accepted(RunAt(VendorSamples.HelpScoutFaces, "2022-09-05T12:00:10Z"));
        Assert.Equal(5, e.Scores.Csat);
        Assert.Equal("Just awesome!", e.Text);
        Assert.Equal("Support CSAT/anonymous", e.ConversationId);
    }

    [Fact]
    public void The_same_email_on_two_channels_yields_the_same_customer_key()
    {
        var salesforce = Accepted(RunAt(VendorSamples.SalesforceCaseCreated, "2024-06-01T10:00:02Z"));
        var canonical = Accepted(RunAt("""
            {"schemaVersion":1,"eventId":"c-1","type":"MessagePosted","eventTime":"2024-06-01T10:00:00Z","conversationId":"chat-9",
             "channel":"chat","customer":{"email":"  JANE.DOE@example.COM "}}
            """, "2024-06-01T10:00:02Z"));
        Assert.Equal(salesforce.CustomerKey, canonical.CustomerKey);
        Assert.NotEqual(salesforce.Channel, canonical.Channel);
    }

    [Fact]
    public void The_same_phone_in_different_notations_on_two_channels_yields_the_same_customer_key()
    {
        var voice = Accepted(RunAt(VendorSamples.ConnectAbandoned, "2024-06-01T09:04:00Z"));
        var sms = Accepted(RunAt("""
            {"schemaVersion":1,"eventId":"sms-1","type":"MessagePosted","eventTime":"2024-06-01T09:00:00Z","conversationId":"sms-9",
             "channel":"messaging","customer":{"phone":"0044 (20) 7946-0958"}}
            """, "2024-06-01T09:04:00Z"));
        Assert.Equal(voice.CustomerKey, sms.CustomerKey);
    }
}

namespace CxServerless.Testing;

/// <summary>
/// Samples for the formats and event types whose vendors publish the schema but no complete example (or whose
/// examples are in <c>CxServerless.Testing/VendorFixtures</c>): each is "shaped per" the page named beside it, field
/// names and value formats as documented there, values invented and clearly fake.
/// </summary>
public static partial class VendorSamples
{
    /// <summary>Shaped per the Salesforce CDC page above: a later UPDATE of the created case changing Status only (no Origin).</summary>
    public const string SalesforceCaseWorking = """
        {"payload":{"Status":"Working","ChangeEventHeader":{"entityName":"Case","changeType":"UPDATE","changedFields":["Status"],
         "transactionKey":"0003aa11-9d90-e395-ed20-cf416ba652ad","sequenceNumber":1,"commitTimestamp":1717237800000,
         "recordIds":["5003000000D8cuIQAA"]}}}
        """;

    /// <summary>Shaped per the Salesforce CDC page above: an Account change event, an object the app does not model.</summary>
    public const string SalesforceAccountChange = """
        {"payload":{"Name":"Acme Ltd","ChangeEventHeader":{"entityName":"Account","changeType":"UPDATE","changedFields":["Name"],
         "transactionKey":"0004bb22-9d90-e395-ed20-cf416ba652ad","sequenceNumber":1,"commitTimestamp":1717237800000,
         "recordIds":["0013000000AbCdEAAZ"]}}}
        """;

    /// <summary>
    /// The Event Grid schema example of https://learn.microsoft.com/azure/event-grid/event-schema-blob-storage (BlobCreated).
    /// </summary>
    public const string StorageBlobCreatedSource = "https://learn.microsoft.com/azure/event-grid/event-schema-blob-storage";

    public const string StorageBlobCreated = """
        [{"topic":"/subscriptions/{subscription-id}/resourceGroups/Storage/providers/Microsoft.Storage/storageAccounts/my-storage-account",
          "subject":"/blobServices/default/containers/test-container/blobs/new-file.txt","eventType":"Microsoft.Storage.BlobCreated",
          "eventTime":"2017-06-26T18:41:00.9584103Z","id":"831e1650-001e-001b-66ab-eeb76e069631",
          "data":{"api":"PutBlockList","clientRequestId":"6d79dbfb-0e37-4fc4-981f-442c9ca65760",
           "requestId":"831e1650-001e-001b-66ab-eeb76e000000","eTag":"0x8D4BCC2E4835CD0","contentType":"text/plain",
           "contentLength":524288,"blobType":"BlockBlob",
           "url":"https://my-storage-account.blob.core.windows.net/testcontainer/new-file.txt",
           "sequencer":"00000000000004420000000000028963","storageDiagnostics":{"batchId":"b68529f3-68cd-4744-baa4-3c0498ec19f0"}},
          "dataVersion":"","metadataVersion":"1"}]
        """;

    /// <summary>Shaped per https://docs.aws.amazon.com/connect/latest/adminguide/agent-event-stream-model.html (HEART_BEAT).</summary>
    public const string ConnectAgentHeartbeat = """
        {"AWSAccountId":"123456789012","AgentARN":"arn:aws:connect:us-east-1:123456789012:instance/aaaa/agent/bbbb",
         "CurrentAgentSnapshot":null,"EventId":"048dd3a5-0aa8-4b32-9a73-a7a8e6c8a8d1","EventTimestamp":"2019-05-25T18:43:59.049Z",
         "EventType":"HEART_BEAT","InstanceARN":"arn:aws:connect:us-east-1:123456789012:instance/aaaa","PreviousAgentSnapshot":null,
         "Version":"2019-05-25"}
        """;

    /// <summary>
    /// Shaped per https://docs.aws.amazon.com/connect/latest/adminguide/contact-events.html (EventBridge envelope,
    /// <c>detail-type</c> "Amazon Connect Contact Event", detail fields as in its samples).
    /// </summary>
    public const string ConnectEventsSource = "https://docs.aws.amazon.com/connect/latest/adminguide/contact-events.html";

    public const string ConnectEventInitiated = """
        {"version":"0","id":"9d4ea4e1-2c3e-4d6c-9b8b-111111111111","detail-type":"Amazon Connect Contact Event","source":"aws.connect",
         "account":"123456789012","time":"2021-08-04T17:17:53Z","region":"us-west-2",
         "resources":["arn:aws:connect:us-west-2:123456789012:instance/12345678-1234-1234-1234-123456789012"],
         "detail":{"eventType":"INITIATED","contactId":"22222222-2222-2222-2222-222222222222","channel":"VOICE",
          "instanceArn":"arn:aws:connect:us-west-2:123456789012:instance/12345678-1234-1234-1234-123456789012",
          "initiationMethod":"INBOUND","initiationTimestamp":"2021-08-04T17:17:53.000Z"}}
        """;

    public const string ConnectEventQueued = """
        {"version":"0","id":"9d4ea4e1-2c3e-4d6c-9b8b-222222222222","detail-type":"Amazon Connect Contact Event","source":"aws.connect",
         "account":"123456789012","time":"2021-08-04T17:18:30Z","region":"us-west-2","resources":[],
         "detail":{"eventType":"QUEUED","contactId":"22222222-2222-2222-2222-222222222222","channel":"VOICE",
          "instanceArn":"arn:aws:connect:us-west-2:123456789012:instance/12345678-1234-1234-1234-123456789012",
          "initiationMethod":"INBOUND","initiationTimestamp":"2021-08-04T17:17:53.000Z",
          "queueInfo":{"queueType":"STANDARD","enqueueTimestamp":"2021-08-04T17:18:30.000Z",
           "queueArn":"arn:aws:connect:us-west-2:123456789012:instance/12345678-1234-1234-1234-123456789012/queue/q-billing"}}}
        """;

    /// <summary>Shaped per the same page: DISCONNECTED after queueing with no agent, so the customer abandoned.</summary>
    public const string ConnectEventDisconnectedAbandoned = """
        {"version":"0","id":"9d4ea4e1-2c3e-4d6c-9b8b-333333333333","detail-type":"Amazon Connect Contact Event","source":"aws.connect",
         "account":"123456789012","time":"2021-08-04T17:20:00Z","region":"us-west-2","resources":[],
         "detail":{"eventType":"DISCONNECTED","contactId":"22222222-2222-2222-2222-222222222222","channel":"VOICE",
          "instanceArn":"arn:aws:connect:us-west-2:123456789012:instance/12345678-1234-1234-1234-123456789012",
          "initiationMethod":"INBOUND","initiationTimestamp":"2021-08-04T17:17:53.000Z",
          "disconnectTimestamp":"2021-08-04T17:20:00.000Z",
          "queueInfo":{"queueType":"STANDARD","enqueueTimestamp":"2021-08-04T17:18:30.000Z",
           "queueArn":"arn:aws:connect:us-west-2:123456789012:instance/12345678-1234-1234-1234-123456789012/queue/q-billing"}}}
        """;

    /// <summary>
    /// Shaped per the Genesys Cloud EventBridge blueprint fixtures (see VendorFixtures) and the topic list of the
    /// Genesys Cloud notification service (<c>v2.detail.events.conversation.{id}.acd.start</c>, <c>.acd.end</c>,
    /// <c>.user.start</c>; analytics detail events AcdStartEvent, AcdEndEvent, UserStartEvent).
    /// </summary>
    public const string GenesysAcdStart = """
        {"version":"0","id":"6b0f7a8e-1111-4c1e-9a31-000000000001","detail-type":"v2.detail.events.conversation.{id}.acd.start",
         "source":"aws.partner/genesys.com/cloud/00000000-0000-0000-0000-000000000000/cx","account":"123456789012",
         "time":"2022-04-06T09:30:50Z","region":"eu-west-1","resources":[],
         "detail":{"topicName":"v2.detail.events.conversation.2f7bf00a-0fc2-4d6a-9b56-92238191433e.acd.start","version":"2",
          "eventBody":{"eventTime":1649237450000,"conversationId":"2f7bf00a-0fc2-4d6a-9b56-92238191433e",
           "participantId":"9fb2ca78-8389-4758-b76a-9b0300de1fce","mediaType":"CHAT","direction":"INBOUND",
           "queueId":"d1a7a4c2-0000-4000-8000-00000000q001"},"timestamp":"2022-04-06T09:30:50.013Z"}}
        """;

    public const string GenesysAcdEndAbandon = """
        {"version":"0","id":"6b0f7a8e-1111-4c1e-9a31-000000000002","detail-type":"v2.detail.events.conversation.{id}.acd.end",
         "source":"aws.partner/genesys.com/cloud/00000000-0000-0000-0000-000000000000/cx","account":"123456789012",
         "time":"2022-04-06T09:32:10Z","region":"eu-west-1","resources":[],
         "detail":{"topicName":"v2.detail.events.conversation.2f7bf00a-0fc2-4d6a-9b56-92238191433e.acd.end","version":"2",
          "eventBody":{"eventTime":1649237530000,"conversationId":"2f7bf00a-0fc2-4d6a-9b56-92238191433e",
           "participantId":"9fb2ca78-8389-4758-b76a-9b0300de1fce","mediaType":"CHAT","direction":"INBOUND",
           "queueId":"d1a7a4c2-0000-4000-8000-00000000q001","acdOutcome":"ABANDON","durationMs":80000},
          "timestamp":"2022-04-06T09:32:10.013Z"}}
        """;

    /// <summary>Shaped per the same topic list: a user presence topic, not a conversation.</summary>
    public const string GenesysPresence = """
        {"version":"0","id":"6b0f7a8e-1111-4c1e-9a31-000000000003","detail-type":"v2.users.{id}.presence",
         "source":"aws.partner/genesys.com/cloud/00000000-0000-0000-0000-000000000000/cx","account":"123456789012",
         "time":"2022-04-06T09:33:00Z","region":"eu-west-1","resources":[],
         "detail":{"topicName":"v2.users.3ea7c7b6-0000-4000-8000-000000000001.presence","version":"2",
          "eventBody":{"source":"PURECLOUD","presenceDefinition":{"id":"e08eaf1b","systemPresence":"Available"},
           "modifiedDate":"2022-04-06T09:33:00.000Z"},"timestamp":"2022-04-06T09:33:00.013Z"}}
        """;

    /// <summary>
    /// Shaped per https://www.twilio.com/docs/taskrouter/api/event/reference (event callback parameters, PascalCase, as
    /// the webhook posts them form-encoded; forwarded here as a JSON object). Timestamp is epoch seconds.
    /// </summary>
    public const string TwilioCallbackSource = "https://www.twilio.com/docs/taskrouter/api/event/reference";

    public const string TwilioTaskCreatedCallback = """
        {"AccountSid":"ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX","WorkspaceSid":"WS7d4813fc78909747b773945352c5b960",
         "Sid":"EV0000000000000000000000000000c001","EventType":"task.created","ResourceType":"task",
         "ResourceSid":"WT00000000000000000000000000000001","Timestamp":"1438385793","EventDescription":"Task created",
         "TaskSid":"WT00000000000000000000000000000001","TaskAttributes":"{\"from\":\"+14155550100\",\"name\":\"Test Caller\"}",
         "TaskAge":"0","TaskPriority":"0","TaskAssignmentStatus":"pending","TaskChannelUniqueName":"voice",
         "TaskQueueSid":"WQ3264f1ece8f6c9dcaba5b19ff6f6cf81","TaskQueueName":"Everyone"}
        """;

    /// <summary>Shaped per the same reference: reservation.accepted as an Event resource (snake_case event_data).</summary>
    public const string TwilioReservationAccepted = """
        {"sid":"EV0000000000000000000000000000c002","account_sid":"ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX","event_type":"reservation.accepted",
         "resource_type":"reservation","resource_sid":"WR00000000000000000000000000000001","event_date":"2015-07-31T23:37:03Z",
         "source":"twilio","actor_type":"worker","actor_sid":"WKa0f24176fee1938e495760b1122995b6",
         "event_data":{"workspace_sid":"WS7d4813fc78909747b773945352c5b960","task_sid":"WT00000000000000000000000000000001",
          "task_attributes":"{\"from\":\"+14155550100\"}","task_age":"30","task_channel_unique_name":"voice",
          "reservation_sid":"WR00000000000000000000000000000001","worker_sid":"WKa0f24176fee1938e495760b1122995b6",
          "worker_name":"Cases Worker","task_queue_sid":"WQ3264f1ece8f6c9dcaba5b19ff6f6cf81","task_queue_name":"Everyone"}}
        """;

    /// <summary>Shaped per https://api.surveymonkey.com/v3/docs (webhooks): a collector event, not a response.</summary>
    public const string SurveyMonkeyCollectorCreated = """
        {"name":"My Webhook","filter_type":"survey","filter_id":"123456789","event_type":"collector_created","event_id":"223456789",
         "object_type":"collector","object_id":"323456789","event_datetime":"2016-01-01T21:56:31.182613+00:00",
         "resources":{"collector_id":"323456789","survey_id":"123456789","user_id":"123456789"}}
        """;

    /// <summary>
    /// Shaped per https://learn.microsoft.com/azure/event-grid/communication-services-router-events (RouterJobClosed,
    /// RouterJobExceptionTriggered data fields) in the Event Grid schema.
    /// </summary>
    public const string AcsRouterJobClosed = """
        {"id":"c0000000-0000-4000-8000-000000000001","topic":"/subscriptions/{subscription-id}","subject":"job/{job-id}",
         "data":{"jobId":"7f1df17b-570b-4ae5-9cf5-fe6ff64cc712","channelReference":"test-abc","channelId":"FooVoiceChannelId",
          "queueId":"625fec06-ab81-4e60-b780-f364ed96ade1","assignmentId":"6f1df17b-570b-4ae5-9cf5-fe6ff64cc712",
          "dispositionCode":"resolved","workerId":"w100"},
         "eventType":"Microsoft.Communication.RouterJobClosed","dataVersion":"1.0","metadataVersion":"1",
         "eventTime":"2022-02-17T00:59:00Z"}
        """;

    public const string AcsRouterJobExceptionTriggered = """
        {"id":"c0000000-0000-4000-8000-000000000002","topic":"/subscriptions/{subscription-id}","subject":"job/{job-id}",
         "data":{"jobId":"7f1df17b-570b-4ae5-9cf5-fe6ff64cc712","channelReference":"test-abc","channelId":"FooVoiceChannelId",
          "queueId":"625fec06-ab81-4e60-b780-f364ed96ade1","ruleKey":"waitTooLong","exceptionRuleId":"rule-1"},
         "eventType":"Microsoft.Communication.RouterJobExceptionTriggered","dataVersion":"1.0","metadataVersion":"1",
         "eventTime":"2022-02-17T00:58:00Z"}
        """;

    /// <summary>
    /// Shaped per https://learn.microsoft.com/azure/event-grid/cloud-event-schema: the RouterJobQueued vendor sample in the
    /// CloudEvents 1.0 schema (<c>type</c>, <c>time</c>, <c>specversion</c>, <c>source</c>).
    /// </summary>
    public const string AcsRouterJobQueuedCloudEvent = """
        {"id":"b6d8687a-5a1a-42ae-b8b5-ff7ec338c872",
         "source":"/subscriptions/{subscription-id}/resourceGroups/{group}/providers/Microsoft.Communication/communicationServices/{name}",
         "specversion":"1.0","type":"Microsoft.Communication.RouterJobQueued",
         "subject":"job/{job-id}/channel/{channel-id}/queue/{queue-id}",
         "time":"2022-02-17T00:55:25.1736293Z",
         "data":{"jobId":"7f1df17b-570b-4ae5-9cf5-fe6ff64cc712","channelReference":"test-abc","channelId":"FooVoiceChannelId",
          "queueId":"625fec06-ab81-4e60-b780-f364ed96ade1","priority":1}}
        """;

    /// <summary>
    /// Shaped per https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/ (a page of
    /// the incremental ticket export: <c>tickets</c>, <c>end_time</c>, <c>next_page</c>), with the ticket fields of the
    /// Tickets API fixture: one solved e-mail ticket and one new voice ticket.
    /// </summary>
    public const string ZendeskTicketExport = """
        {"tickets":[
          {"id":7001,"via":{"channel":"email"},"created_at":"2024-06-01T08:00:00Z","updated_at":"2024-06-01T09:00:00Z","status":"solved",
           "subject":"Refund","description":"Please refund order 5521","requester_id":9001,"assignee_id":9101,"group_id":9201},
          {"id":7002,"via":{"channel":"voice"},"created_at":"2024-06-01T09:05:00Z","updated_at":"2024-06-01T09:05:00Z","status":"new",
           "subject":"Call back","description":"Caller asked for a call back on +44 20 7946 0958","requester_id":9002}],
         "count":2,"end_of_stream":true,"end_time":1717232700,"next_page":null}
        """;

    /// <summary>Shaped per the Satisfaction Ratings API page (List Satisfaction Ratings): two ratings.</summary>
    public const string ZendeskSatisfactionRatings = """
        {"satisfaction_ratings":[
          {"id":35436,"ticket_id":7001,"score":"bad","comment":"Too slow","assignee_id":9101,"group_id":9201,"requester_id":9001,
           "created_at":"2024-06-01T10:00:00Z","updated_at":"2024-06-01T10:00:00Z"},
          {"id":35437,"ticket_id":7003,"score":"good","assignee_id":9101,"requester_id":9003,
           "created_at":"2024-06-01T10:05:00Z","updated_at":"2024-06-01T10:05:00Z"}],
         "next_page":null,"previous_page":null,"count":2}
        """;
}

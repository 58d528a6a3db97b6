namespace CxServerless.Testing;

/// <summary>
/// Vendor sample payloads, each with its source. "Verbatim" samples are copied from the vendor's documentation; samples
/// marked "shaped per" follow the documented structure field for field where the vendor publishes the schema but not a
/// complete example for that event.
/// </summary>
public static partial class VendorSamples
{
    /// <summary>
    /// Amazon Connect voice contact record. Fields and meanings: https://docs.aws.amazon.com/connect/latest/adminguide/ctr-data-model.html
    /// (AWS "Data model for Amazon Connect contact records"); values from a published sample CTR of format version 2017-03-10.
    /// </summary>
    public const string ConnectVoiceSource = "https://docs.aws.amazon.com/connect/latest/adminguide/ctr-data-model.html";

    public const string ConnectVoice = """
        {
          "AWSAccountId": "970025851406",
          "AWSContactTraceRecordFormatVersion": "2017-03-10",
          "Agent": {
            "ARN": "arn:aws:connect:us-east-1:970025851406:instance/1d908e11-3d5f-4cfb-b34d-1e7e0f216898/agent/57db30ae-8c01-44e6-abd5-80b7b51944cf",
            "AfterContactWorkDuration": 32,
            "AfterContactWorkEndTimestamp": "2022-04-08T15:01:54Z",
            "AfterContactWorkStartTimestamp": "2022-04-08T15:01:22Z",
            "AgentInteractionDuration": 33,
            "ConnectedToAgentTimestamp": "2022-04-08T15:00:49Z",
            "CustomerHoldDuration": 0,
            "HierarchyGroups": null,
            "LongestHoldDuration": 0,
            "NumberOfHolds": 0,
            "RoutingProfile": {
              "ARN": "arn:aws:connect:us-east-1:970025851406:instance/1d908e11-3d5f-4cfb-b34d-1e7e0f216898/routing-profile/6e16b957-b7c7-44c7-b959-c9380699c7cc",
              "Name": "Basic Routing Profile"
            },
            "Username": "admin1"
          },
          "AgentConnectionAttempts": 1,
          "Attributes": { "greetingPlayed": "true" },
          "Channel": "VOICE",
          "ConnectedToSystemTimestamp": "2022-04-08T14:59:38Z",
          "ContactId": "15a5cf14-3212-45a1-9f86-a8e97db8afaf",
          "CustomerEndpoint": { "Address": "+17208401003", "Type": "TELEPHONE_NUMBER" },
          "DisconnectReason": "CUSTOMER_DISCONNECT",
          "DisconnectTimestamp": "2022-04-08T15:01:22Z",
          "InitialContactId": null,
          "InitiationMethod": "INBOUND",
          "InitiationTimestamp": "2022-04-08T14:59:38Z",
          "InstanceARN": "arn:aws:connect:us-east-1:970025851406:instance/1d908e11-3d5f-4cfb-b34d-1e7e0f216898",
          "LastUpdateTimestamp": "2022-04-08T15:03:02Z",
          "MediaStreams": [ { "Type": "AUDIO" } ],
          "NextContactId": null,
          "PreviousContactId": null,
          "Queue": {
            "ARN": "arn:aws:connect:us-east-1:970025851406:instance/1d908e11-3d5f-4cfb-b34d-1e7e0f216898/queue/c677a7a5-1d56-4ce3-a890-79fc53f7fe3f",
            "DequeueTimestamp": "2022-04-08T15:00:49Z",
            "Duration": 7,
            "EnqueueTimestamp": "2022-04-08T15:00:42Z",
            "Name": "BasicQueue"
          },
          "SystemEndpoint": { "Address": "+14065003978", "Type": "TELEPHONE_NUMBER" },
          "TransferCompletedTimestamp": null,
          "TransferredToEndpoint": null
        }
        """;

    /// <summary>Amazon Connect chat contact record, shaped per the CTR data model (ctr-data-model.html): chat has no hold.</summary>
    public const string ConnectChat = """
        {
          "AWSAccountId": "111122223333",
          "AWSContactTraceRecordFormatVersion": "2017-03-10",
          "Agent": {
            "ARN": "arn:aws:connect:eu-west-2:111122223333:instance/abcd/agent/agent-42",
            "AfterContactWorkDuration": 20,
            "AgentInteractionDuration": 410,
            "CustomerHoldDuration": null,
            "HierarchyGroups": { "Level1": { "ARN": "arn:aws:connect:eu-west-2:111122223333:instance/abcd/agent-group/g1", "GroupName": "Billing" } },
            "Username": "agent42"
          },
          "Channel": "CHAT",
          "ContactId": "chat-0002",
          "InitialContactId": "chat-0001",
          "CustomerEndpoint": null,
          "DisconnectReason": "AGENT_DISCONNECT",
          "DisconnectTimestamp": "2024-06-01T10:07:30Z",
          "InitiationMethod": "API",
          "InitiationTimestamp": "2024-06-01T10:00:00Z",
          "InstanceARN": "arn:aws:connect:eu-west-2:111122223333:instance/abcd",
          "LastUpdateTimestamp": "2024-06-01T10:08:00Z",
          "Queue": { "Name": "Chat Billing", "Duration": 45, "EnqueueTimestamp": "2024-06-01T10:00:20Z" },
          "TransferredToEndpoint": { "Address": "arn:aws:connect:eu-west-2:111122223333:instance/abcd/queue/escalations", "Type": "CONTACT_FLOW" }
        }
        """;

    /// <summary>Amazon Connect voice contact abandoned in queue (no Agent section), shaped per ctr-data-model.html.</summary>
    public const string ConnectAbandoned = """
        {
          "AWSContactTraceRecordFormatVersion": "2017-03-10",
          "Agent": null,
          "Channel": "VOICE",
          "ContactId": "abandon-1",
          "ConnectedToSystemTimestamp": "2024-06-01T09:00:00Z",
          "CustomerEndpoint": { "Address": "+44 20 7946 0958", "Type": "TELEPHONE_NUMBER" },
          "DisconnectReason": "CUSTOMER_DISCONNECT",
          "DisconnectTimestamp": "2024-06-01T09:03:10Z",
          "InitiationMethod": "INBOUND",
          "InitiationTimestamp": "2024-06-01T09:00:00Z",
          "Queue": { "Name": "Support", "Duration": 170, "EnqueueTimestamp": "2024-06-01T09:00:20Z" }
        }
        """;

    /// <summary>Verbatim: https://learn.microsoft.com/azure/event-grid/communication-services-voice-video-events (MicrosoftDocs/azure-docs, articles/event-grid/communication-services-voice-video-events.md).</summary>
    public const string AcsCallsSource = "https://learn.microsoft.com/azure/event-grid/communication-services-voice-video-events";

    public const string AcsCallStarted = """
        [
          {
            "id": "a8bcd8a3-12d7-46ba-8cde-f6d0bda8feeb",
            "topic": "/subscriptions/{subscription-id}/resourcegroups/{group-name}/providers/microsoft.communication/communicationservices/{communication-services-resource-name}",
            "subject": "call/{serverCallId}/startedBy/8:acs:bc360ba8-d29b-4ef2-b698-769ebef85521_0000000c-1fb9-4878-07fd-0848220077e1",
            "data": {
              "startedBy": {
                "rawId": "8:acs:bc360ba8-d29b-4ef2-b698-769ebef85521_0000000c-1fb9-4878-07fd-0848220077e1",
                "communicationUser": {
                  "id": "8:acs:bc360ba8-d29b-4ef2-b698-769ebef85521_0000000c-1fb9-4878-07fd-0848220077e1"
                },
        		  "role": "{role}"
              },
              "serverCallId": "{serverCallId}",
              "group": {
                "id": "00000000-0000-0000-0000-000000000000"
              },
              "room": {
                "id": "{roomId}"
              },
              "isTwoParty": false,
              "correlationId": "{correlationId}",
              "isRoomsCall": true
            },
            "eventType": "Microsoft.Communication.CallStarted",
            "dataVersion": "1.0",
            "metadataVersion": "1",
            "eventTime": "2021-09-22T17:02:38.6905856Z"
          }
        ]
        """;

    public const string AcsCallEnded = """
        [
          {
            "id": "530183db-987b-4a3a-b6c1-3391bab12864",
            "topic": "/subscriptions/{subscription-id}/resourcegroups/{group-name}/providers/microsoft.communication/communicationservices/{communication-services-resource-name}",
            "subject": "call/{serverCallId}",
            "data": {
              "durationOfCall": 49.728617199999995,
              "startedBy": {
                "rawId": "8:acs:bc360ba8-d29b-4ef2-b698-769ebef85521_0000000c-1fb9-4878-07fd-0848220077e1",
                "communicationUser": {
                  "id": "8:acs:bc360ba8-d29b-4ef2-b698-769ebef85521_0000000c-1fb9-4878-07fd-0848220077e1"
                },
                "role": "{role}"
              },
              "serverCallId": "{serverCallId}",
              "group": {
                "id": "00000000-0000-0000-0000-000000000000"
              },
              "room": {
                "id": "{roomId}"
              },
              "isTwoParty": false,
              "correlationId": "{correlationId}",
              "isRoomsCall": true
            },
            "eventType": "Microsoft.Communication.CallEnded",
            "dataVersion": "1.0",
            "metadataVersion": "1",
            "eventTime": "2021-09-22T17:03:12.6143005Z"
          }

        ]
        """;

    /// <summary>Verbatim: https://learn.microsoft.com/azure/event-grid/communication-services-chat-events (articles/event-grid/communication-services-chat-events.md).</summary>
    public const string AcsChatSource = "https://learn.microsoft.com/azure/event-grid/communication-services-chat-events";

    public const string AcsChatMessageReceived = """
        [{
            "id": "02272459-badb-4e2e-b538-4cb8a2f71da6",
            "topic": "/subscriptions/{subscription-id}/resourceGroups/{group-name}/providers/Microsoft.Communication/communicationServices/{communication-services-resource-name}",
            "subject": "thread/{thread-id}/sender/{rawId}/recipient/{rawId}",
            "data": {
              "messageBody": "Welcome to Azure Communication Services",
              "messageId": "1613694358927",
              "metadata": {
                "key": "value",
                "description": "A map of data associated with the message"
              },
              "senderId": "8:acs:109f0644-b956-4cd9-87b1-71024f6e2f44_00000008-578d-7caf-07fd-084822001724",
              "senderCommunicationIdentifier": {
                "rawId": "8:acs:109f0644-b956-4cd9-87b1-71024f6e2f44_00000008-578d-7caf-07fd-084822001724",
                "communicationUser": {
                  "id": "8:acs:109f0644-b956-4cd9-87b1-71024f6e2f44_00000008-578d-7caf-07fd-084822001724"
                }
              },
              "senderDisplayName": "Bob(Admin)",
              "composeTime": "2021-02-19T00:25:58.927Z",
              "type": "Text",
              "version": 1613694358927,
              "recipientId": "8:acs:109f0644-b956-4cd9-87b1-71024f6e2f44_00000008-578d-7d05-83fe-084822000f6d",
              "recipientCommunicationIdentifier": {
                "rawId": "8:acs:109f0644-b956-4cd9-87b1-71024f6e2f44_00000008-578d-7d05-83fe-084822000f6d",
                "communicationUser": {
                  "id": "8:acs:109f0644-b956-4cd9-87b1-71024f6e2f44_00000008-578d-7d05-83fe-084822000f6d"
                }
              },
              "transactionId": "oh+LGB2dUUadMcTAdRWQxQ.1.1.1.1.1827536918.1.7",
              "threadId": "19:6e5d6ca1d75044a49a36a7965ec4a906@thread.v2"
            },
            "eventType": "Microsoft.Communication.ChatMessageReceived",
            "dataVersion": "1.0",
            "metadataVersion": "1",
            "eventTime": "2021-02-19T00:25:59.9436666Z"
          }
        ]
        """;

    /// <summary>Verbatim: https://learn.microsoft.com/azure/event-grid/communication-services-router-events (articles/event-grid/communication-services-router-events.md).</summary>
    public const string AcsRouterSource = "https://learn.microsoft.com/azure/event-grid/communication-services-router-events";

    public const string AcsRouterJobReceived = """
        {
          "id": "acdf8fa5-8ab4-4a65-874a-c1d2a4a97f2e",
          "topic": "/subscriptions/{subscription-id}/resourceGroups/{group-name}/providers/Microsoft.Communication/communicationServices/{communication-services-resource-name}",
          "subject": "job/{job-id}/channel/{channel-id}",
          "data": {
            "jobId": "7f1df17b-570b-4ae5-9cf5-fe6ff64cc712",
            "channelReference": "test-abc",
            "jobStatus": "PendingClassification",
            "channelId": "FooVoiceChannelId",
            "classificationPolicyId": "test-policy",
            "queueId": "queue-id",
            "priority": 0,
            "labels": {
              "Locale": "en-us",
              "Segment": "Enterprise",
              "Token": "FooToken"
            },
            "tags": {
              "Locale": "en-us",
              "Segment": "Enterprise",
              "Token": "FooToken"
            },
            "requestedWorkerSelectors": [
              {
                "key": "string",
                "labelOperator": "equal",
                "value": 5,
                "ttlSeconds": 50,
                "expirationTime": "2022-02-17T00:58:25.1736293Z"
              }
            ],
            "scheduledOn": "3/28/2007 7:13:50 PM +00:00",
            "unavailableForMatching": false
          },
          "eventType": "Microsoft.Communication.RouterJobReceived",
          "dataVersion": "1.0",
          "metadataVersion": "1",
          "eventTime": "2022-02-17T00:55:25.1736293Z"
        }
        """;

    public const string AcsRouterJobQueued = """
        {
          "id": "b6d8687a-5a1a-42ae-b8b5-ff7ec338c872",
          "topic": "/subscriptions/{subscription-id}/resourceGroups/{group-name}/providers/Microsoft.Communication/communicationServices/{communication-services-resource-name}",
          "subject": "job/{job-id}/channel/{channel-id}/queue/{queue-id}",
          "data": {
            "jobId": "7f1df17b-570b-4ae5-9cf5-fe6ff64cc712",
            "channelReference": "test-abc",
            "channelId": "FooVoiceChannelId",
            "queueId": "625fec06-ab81-4e60-b780-f364ed96ade1",
            "priority": 1,
            "labels": {
              "Locale": "en-us",
              "Segment": "Enterprise",
              "Token": "FooToken"
            },
            "tags": {
              "Locale": "en-us",
              "Segment": "Enterprise",
              "Token": "FooToken"
            },
            "requestedWorkerSelectors": [
              {
                "key": "string",
                "labelOperator": "equal",
                "value": 5,
                "ttl": "P3Y6M4DT12H30M5S"
              }
            ],
            "attachedWorkerSelectors": [
              {
                "key": "string",
                "labelOperator": "equal",
                "value": 5,
                "ttl": "P3Y6M4DT12H30M5S"
              }
            ]
          },
          "eventType": "Microsoft.Communication.RouterJobQueued",
          "dataVersion": "1.0",
          "metadataVersion": "1",
          "eventTime": "2022-02-17T00:55:25.1736293Z"
        }
        """;

    public const string AcsRouterWorkerOfferAccepted = """
        {
          "id": "1027db4a-17fe-4a7f-ae67-276c3120a29f",
          "topic": "/subscriptions/{subscription-id}/resourceGroups/{group-name}/providers/Microsoft.Communication/communicationServices/{communication-services-resource-name}",
          "subject": "worker/{worker-id}/job/{job-id}",
          "data": {
            "workerId": "w100",
            "jobId": "7f1df17b-570b-4ae5-9cf5-fe6ff64cc712",
            "jobPriority": 5,
            "jobLabels": {
              "Locale": "en-us",
              "Segment": "Enterprise",
              "Token": "FooToken"
            },
            "jobTags": {
              "Locale": "en-us",
              "Segment": "Enterprise",
              "Token": "FooToken"
            },
            "channelReference": "test-abc",
            "channelId": "FooVoiceChannelId",
            "queueId": "625fec06-ab81-4e60-b780-f364ed96ade1",
            "offerId": "565fec06-ab81-4e60-b780-f364ed96ade1",
            "assignmentId": "765fec06-ab81-4e60-b780-f364ed96ade1"
          },
          "eventType": "Microsoft.Communication.RouterWorkerOfferAccepted",
          "dataVersion": "1.0",
          "metadataVersion": "1",
          "eventTime": "2022-02-17T00:55:25.1736293Z"
        }
        """;

    public const string AcsRouterJobCompleted = """
        {
          "id": "b6d8687a-5a1a-42ae-b8b5-ff7ec338c872",
          "topic": "/subscriptions/{subscription-id}/resourceGroups/{group-name}/providers/Microsoft.Communication/communicationServices/{communication-services-resource-name}",
          "subject": "job/{job-id}/channel/{channel-id}/assignment/{assignment-id}",
          "data": {
            "jobId": "7f1df17b-570b-4ae5-9cf5-fe6ff64cc712",
            "channelReference": "test-abc",
            "channelId": "FooVoiceChannelId",
            "queueId": "queue-id",
            "assignmentId": "6f1df17b-570b-4ae5-9cf5-fe6ff64cc712",
            "labels": {
              "Locale": "en-us",
              "Segment": "Enterprise",
              "Token": "FooToken"
            },
            "tags": {
              "Locale": "en-us",
              "Segment": "Enterprise",
              "Token": "FooToken"
            },
            "workerId": "e3a3f2f9-3582-4bfe-9c5a-aa57831a0f88"
          },
          "eventType": "Microsoft.Communication.RouterJobCompleted",
          "dataVersion": "1.0",
          "metadataVersion": "1",
          "eventTime": "2022-02-17T00:55:25.1736293Z"
        }
        """;

    public const string AcsRouterJobCancelled = """
        {
          "id": "b6d8687a-5a1a-42ae-b8b5-ff7ec338c872",
          "topic": "/subscriptions/{subscription-id}/resourceGroups/{group-name}/providers/Microsoft.Communication/communicationServices/{communication-services-resource-name}",
          "subject": "job/{job-id}/channel/{channel-id}/disposition/{disposition-code}",
          "data": {
            "note": "Cancelled due to <reason>",
            "dispositionCode": "100",
            "jobId": "7f1df17b-570b-4ae5-9cf5-fe6ff64cc712",
            "channelReference": "test-abc",
            "channelId": "FooVoiceChannelId",
            "labels": {
              "Locale": "en-us",
              "Segment": "Enterprise",
              "Token": "FooToken"
            },
            "tags": {
              "Locale": "en-us",
              "Segment": "Enterprise",
              "Token": "FooToken"
            },
            "queueId": ""
          },
          "eventType": "Microsoft.Communication.RouterJobCancelled",
          "dataVersion": "1.0",
          "metadataVersion": "1",
          "eventTime": "2022-02-17T00:55:25.1736293Z"
        }
        """;

    /// <summary>Verbatim, including the documentation's trailing comma after <c>offerId</c>: the sample is not valid JSON.</summary>
    public const string AcsRouterWorkerOfferDeclined = """
        {
          "id": "1027db4a-17fe-4a7f-ae67-276c3120a29f",
          "topic": "/subscriptions/{subscription-id}/resourceGroups/{group-name}/providers/Microsoft.Communication/communicationServices/{communication-services-resource-name}",
          "subject": "worker/{worker-id}/job/{job-id}",
          "data": {
            "workerId": "w100",
            "jobId": "7f1df17b-570b-4ae5-9cf5-fe6ff64cc712",
            "channelReference": "test-abc",
            "channelId": "FooVoiceChannelId",
            "queueId": "625fec06-ab81-4e60-b780-f364ed96ade1",
            "offerId": "565fec06-ab81-4e60-b780-f364ed96ade1",
          },
          "eventType": "Microsoft.Communication.RouterWorkerOfferDeclined",
          "dataVersion": "1.0",
          "metadataVersion": "1",
          "eventTime": "2022-02-17T00:55:25.1736293Z"
        }
        """;

    public const string AcsRouterWorkerDeregistered = """
        {
          "id": "1027db4a-17fe-4a7f-ae67-276c3120a29f",
          "topic": "/subscriptions/{subscription-id}/resourceGroups/{group-name}/providers/Microsoft.Communication/communicationServices/{communication-services-resource-name}",
          "subject": "worker/{worker-id}",
          "data": {
            "workerId": "worker3"
          },
          "eventType": "Microsoft.Communication.RouterWorkerDeregistered",
          "dataVersion": "1.0",
          "metadataVersion": "1",
          "eventTime": "2022-02-17T00:55:25.1736293Z"
        }
        """;

    /// <summary>Verbatim: https://developer.zendesk.com/api-reference/amazon-eventbridge/tickets/ ("Agent Assignment Changed" example).</summary>
    public const string ZendeskEventsSource = "https://developer.zendesk.com/api-reference/amazon-eventbridge/tickets/";

    public const string ZendeskAgentAssignmentChanged = """
        {  "version": "0",  "id": "ecd26460-0ca3-433b-b908-d891a0aa6fb4",  "detail-type": "Support Ticket: Agent Assignment Changed",  "source": "aws.partner/zendesk.com/9242270/default",  "account": "123456789012",  "time": "2019-05-25T01:23:48Z",  "region": "us-east-1",  "resources": ["Support Ticket"],  "detail": {    "ticket_event": {      "meta": {        "version": "1.0",        "occurred_at": "2019-05-25T01:23:45.465719851Z",        "ref": "1-1234567890",        "sequence": {          "id": "CE4A698AF24F35B3208649C6951E000E",          "position": 1,          "total": 1        },        "actor_id": 20978392      },      "type": "Agent Assignment Changed",      "previous": 235323,      "current": 235324,      "ticket": {        "id": 35436,        "created_at": "2019-05-20T22:55:29.721021468Z",        "updated_at": "2019-05-25T01:23:45.789534301Z",        "type": "question",        "priority": "low",        "status": "open",        "requester_id": 20978392,        "submitter_id": 76872,        "assignee_id": 235324,        "organization_id": 10002,        "group_id": 98738,        "brand_id": 123,        "form_id": 6876543,        "external_id": "TEST1234",        "tags": [          "enterprise"        ],        "via": {          "channel": "web"        }      }    }  }}
        """;

    /// <summary>Shaped per the same page: the "Status Changed" event has the same envelope with previous/current status.</summary>
    public const string ZendeskStatusChanged = """
        {  "version": "0",  "id": "5b2c0f0e-7c3a-4d0e-9d1b-2f6b0a9a1e11",  "detail-type": "Support Ticket: Status Changed",  "source": "aws.partner/zendesk.com/9242270/default",  "account": "123456789012",  "time": "2019-05-27T08:00:03Z",  "region": "us-east-1",  "resources": ["Support Ticket"],  "detail": {    "ticket_event": {      "meta": {        "version": "1.0",        "occurred_at": "2019-05-27T08:00:01.125Z",        "ref": "1-1234567999",        "sequence": {          "id": "AE4A698AF24F35B3208649C6951E0011",          "position": 1,          "total": 1        },        "actor_id": 235324      },      "type": "Status Changed",      "previous": "open",      "current": "solved",      "ticket": {        "id": 35436,        "created_at": "2019-05-20T22:55:29.721021468Z",        "updated_at": "2019-05-27T08:00:01.125Z",        "type": "question",        "priority": "low",        "status": "solved",        "requester_id": 20978392,        "submitter_id": 76872,        "assignee_id": 235324,        "organization_id": 10002,        "group_id": 98738,        "brand_id": 123,        "form_id": 6876543,        "external_id": "TEST1234",        "tags": [          "enterprise"        ],        "via": {          "channel": "email"        }      }    }  }}
        """;

    /// <summary>Shaped per the same page: "Comment Created" carries the comment; this one quotes personal data a customer typed.</summary>
    public const string ZendeskCommentCreated = """
        {  "version": "0",  "id": "9d1f5e64-2b1a-4a52-8a55-6b0c2f2a7c21",  "detail-type": "Support Ticket: Comment Created",  "source": "aws.partner/zendesk.com/9242270/default",  "account": "123456789012",  "time": "2019-05-25T01:30:00Z",  "region": "us-east-1",  "resources": ["Support Ticket"],  "detail": {    "ticket_event": {      "meta": {        "version": "1.0",        "occurred_at": "2019-05-25T01:29:58Z",        "ref": "1-1234568000",        "sequence": {          "id": "DE4A698AF24F35B3208649C6951E0022",          "position": 1,          "total": 1        },        "actor_id": 20978392      },      "type": "Comment Created",      "comment": {        "id": 4522,        "body": "Please call me on +44 20 7946 0958 or mail jane.doe@example.com, card 4111 1111 1111 1111",        "is_public": true,        "author": { "id": 20978392, "is_staff": false, "name": "Jane Doe" }      },      "ticket": {        "id": 35436,        "created_at": "2019-05-20T22:55:29Z",        "updated_at": "2019-05-25T01:29:58Z",        "type": "question",        "priority": "low",        "status": "open",        "requester_id": 20978392,        "submitter_id": 76872,        "assignee_id": 235324,        "organization_id": 10002,        "group_id": 98738,        "brand_id": 123,        "form_id": 6876543,        "external_id": "TEST1234",        "tags": [],        "via": {          "channel": "web"        }      }    }  }}
        """;

    /// <summary>Verbatim: https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_metrics/ (JSON format example).</summary>
    public const string ZendeskMetricsSource = "https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_metrics/";

    public const string ZendeskTicketMetric = """
        {  "agent_wait_time_in_minutes": {    "business": 737,    "calendar": 2391  },  "assigned_at": "2011-05-05T10:38:52Z",  "assignee_stations": 1,  "assignee_updated_at": "2011-05-06T10:38:52Z",  "created_at": "2009-07-20T22:55:29Z",  "custom_status_updated_at": "2011-05-09T10:38:52Z",  "first_resolution_time_in_minutes": {    "business": 737,    "calendar": 2391  },  "full_resolution_time_in_minutes": {    "business": 737,    "calendar": 2391  },  "group_stations": 7,  "id": 33,  "initially_assigned_at": "2011-05-03T10:38:52Z",  "latest_comment_added_at": "2011-05-09T10:38:52Z",  "on_hold_time_in_minutes": {    "business": 637,    "calendar": 2290  },  "reopens": 55,  "replies": 322,  "reply_time_in_minutes": {    "business": 737,    "calendar": 2391  },  "reply_time_in_seconds": {    "calendar": 143460  },  "requester_updated_at": "2011-05-07T10:38:52Z",  "requester_wait_time_in_minutes": {    "business": 737,    "calendar": 2391  },  "solved_at": "2011-05-09T10:38:52Z",  "status_updated_at": "2011-05-04T10:38:52Z",  "ticket_id": 4343,  "updated_at": "2011-05-05T10:38:52Z"}
        """;

    /// <summary>The example of https://developer.zendesk.com/api-reference/ticketing/ticket-management/satisfaction_ratings/ (Show Satisfaction Rating).</summary>
    public const string ZendeskSatisfactionSource = "https://developer.zendesk.com/api-reference/ticketing/ticket-management/satisfaction_ratings/";

    public const string ZendeskSatisfactionRating = """
        {
          "satisfaction_rating": {
            "assignee_id": 135,
            "created_at": "2011-07-20T22:55:29Z",
            "group_id": 44,
            "id": 35436,
            "requester_id": 7881,
            "score": "good",
            "ticket_id": 208,
            "updated_at": "2011-07-20T22:55:29Z",
            "url": "https://example.zendesk.com/api/v2/satisfaction_ratings/35436.json",
            "comment": "Awesome support!"
          }
        }
        """;

    /// <summary>
    /// Shaped per https://developer.salesforce.com/docs/atlas.en-us.change_data_capture.meta/change_data_capture/cdc_message_structure.htm
    /// (change event message structure and header fields) with the standard Case fields.
    /// </summary>
    public const string SalesforceSource = "https://developer.salesforce.com/docs/atlas.en-us.change_data_capture.meta/change_data_capture/cdc_message_structure.htm";

    public const string SalesforceCaseCreated = """
        {
          "data": {
            "schema": "IeRuaY6cbI_HsV8Rv1Mc5g",
            "payload": {
              "ChangeEventHeader": {
                "entityName": "Case",
                "recordIds": ["5003000000D8cuIQAA"],
                "changeType": "CREATE",
                "changedFields": [],
                "changeOrigin": "com/salesforce/api/soap/58.0;client=SfdcInternalAPI/",
                "transactionKey": "0002343d-9d90-e395-ed20-cf416ba652ad",
                "sequenceNumber": 1,
                "commitTimestamp": 1717236000000,
                "commitNumber": 10714186669810,
                "commitUser": "00530000000XqOdAAK"
              },
              "Subject": "Invoice question",
              "Description": "Customer asks about invoice; call back on (415) 555-0132",
              "Status": "New",
              "Priority": "Medium",
              "Origin": "Phone",
              "OwnerId": "00G30000001aBcDEAU",
              "SuppliedEmail": "Jane.Doe@Example.com",
              "ContactId": "0033000000XyZ12AAB",
              "CreatedDate": "2024-06-01T10:00:00.000Z"
            },
            "event": { "replayId": 7071 }
          },
          "channel": "/data/CaseChangeEvent"
        }
        """;

    /// <summary>Shaped per the same page: an UPDATE carries only the changed fields (here Status and IsClosed), so no Origin.</summary>
    public const string SalesforceCaseClosed = """
        {
          "schema": "IeRuaY6cbI_HsV8Rv1Mc5g",
          "payload": {
            "LastModifiedDate": "2024-06-01T12:30:00Z",
            "Status": "Closed",
            "IsClosed": true,
            "ChangeEventHeader": {
              "commitNumber": 10583584855437,
              "commitUser": "0054J000000g1dGQAQ",
              "sequenceNumber": 1,
              "entityName": "Case",
              "changeType": "UPDATE",
              "changedFields": ["Status", "IsClosed", "LastModifiedDate"],
              "changeOrigin": "com/salesforce/api/soap/47.0;client=SfdcInternalAPI/",
              "transactionKey": "000c6c88-b097-f5fb-0005-65d83dc022e5",
              "commitTimestamp": 1717245000000,
              "recordIds": ["5003000000D8cuIQAA"]
            }
          },
          "event": { "replayId": 7080 }
        }
        """;

    /// <summary>Verbatim (customer trimmed to its identifiers): https://developer.helpscout.com/webhooks/objects/survey-response/.</summary>
    public const string HelpScoutSource = "https://developer.helpscout.com/webhooks/objects/survey-response/";

    public const string HelpScoutNps = """
        {
            "message": {
                "name": "Monthly NPS survey"
            },
            "response": {
                "value": "9",
                "category": "passive",
                "comment": "Amazing customer experience!",
                "timestamp": "2022-09-05T13:43:12Z"
            },
            "_embedded": {
                "customer": {
                    "id": 500,
                    "firstName": "Vernon",
                    "lastName": "Bear",
                    "organization": "Acme, Inc",
                    "_embedded": {
                        "emails": [{
                            "id": 1,
                            "value": "bear@acme.com",
                            "type": "home"
                        }],
                        "phones": [{
                            "id": 2,
                            "value": "123-123-123",
                            "type": "home"
                        }]
                    }
                }
            }
        }
        """;

    /// <summary>Verbatim data object from the Faces example of https://developer.helpscout.com/webhooks/objects/survey-response-data/ in the survey envelope.</summary>
    public const string HelpScoutFaces = """
        { "message": { "name": "Support CSAT" }, "response": { "name": "Happy", "value": "😀", "comment": "Just awesome!", "timestamp": "2022-09-05T12:00:00Z" } }
        """;
}

using System.Globalization;
using System.Text.Json.Nodes;
using CxServerless.Domain.Ingestion;

namespace CxServerless.Benchmarks.Ingestion;

/// <summary>
/// A deterministic mix of event bodies like production's: canonical events with free text that carries personal data,
/// Amazon Connect contact records, Communication Services chat messages, Zendesk comments, and a share of broken bodies.
/// </summary>
public static class IngestionCorpus
{
    /// <summary>
    /// Builds <paramref name="count"/> bodies with event times shortly before <paramref name="now"/>; ids are unique from
    /// <paramref name="firstIndex"/> on, so consecutive calls make fresh events.
    /// </summary>
    public static IReadOnlyList<string> Bodies(int count, DateTimeOffset now, long firstIndex = 0)
    {
        var bodies = new List<string>(count);
        for (var n = 0; n < count; n++)
        {
            var i = (int)(firstIndex + n);
            var t = now.AddSeconds(-(n % 60)).UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
            bodies.Add((i % 10) switch
            {
                < 4 => Canonical(i, t),
                < 6 => ContactRecord(i, t),
                < 8 => AcsChat(i, t),
                8 => ZendeskComment(i, t),
                _ => "{\"broken\": [1, 2, " + i.ToString(CultureInfo.InvariantCulture),
            });
        }

        return bodies;
    }

    /// <summary>The bodies as delivered events of one partition, sequence numbers from <paramref name="firstSequence"/>.</summary>
    public static IReadOnlyList<RawEvent> Raw(IReadOnlyList<string> bodies, DateTimeOffset enqueued, long firstSequence = 0) =>
        [.. bodies.Select((b, i) => new RawEvent(b, "0", firstSequence + i, enqueued, new Dictionary<string, string>()))];

    private static string Canonical(int i, string t) => new JsonObject
    {
        ["schemaVersion"] = 1,
        ["eventId"] = $"sim-{i}",
        ["type"] = "MessagePosted",
        ["eventTime"] = t,
        ["conversationId"] = $"conv-{i % 97}",
        ["channel"] = "chat",
        ["queue"] = "billing",
        ["agentId"] = $"agent-{i % 13}",
        ["customer"] = new JsonObject { ["email"] = $"customer{i % 500}@example.com" },
        ["text"] = $"Hello, my order {i} has not arrived. Call me on +44 20 7946 {i % 10000:D4} "
            + $"or mail me at customer{i % 500}@example.com.",
    }.ToJsonString();

    private static string ContactRecord(int i, string t) => ConnectVoiceTemplate
        .Replace("15a5cf14-3212-45a1-9f86-a8e97db8afaf", $"15a5cf14-3212-45a1-9f86-{i:D12}", StringComparison.Ordinal)
        .Replace("2022-04-08T15:01:22Z", t, StringComparison.Ordinal)
        .Replace("+17208401003", $"+1720840{i % 10000:D4}", StringComparison.Ordinal);

    private static string AcsChat(int i, string t) => AcsChatTemplate
        .Replace("1613694358927", (1613694358927 + i).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("2021-02-19T00:25:58.927Z", t, StringComparison.Ordinal)
        .Replace(
            "Welcome to Azure Communication Services",
            $"Thanks! My IBAN is GB82 WEST 1234 5698 7654 32 (message {i}).",
            StringComparison.Ordinal);

    private static string ZendeskComment(int i, string t) => ZendeskCommentTemplate
        .Replace("9d1f5e64-2b1a-4a52-8a55-6b0c2f2a7c21", $"9d1f5e64-2b1a-4a52-8a55-{i:D12}", StringComparison.Ordinal)
        .Replace("2019-05-25T01:29:58Z", t, StringComparison.Ordinal);

    // The documented vendor samples (sources in tests/CxServerless.Domain.Tests/Ingestion/VendorSamples.cs), as templates.
    private const string ConnectInstanceArn = "arn:aws:connect:us-east-1:970025851406:instance/1d908e11-3d5f-4cfb-b34d-1e7e0f216898";

    private const string ConnectVoiceTemplate = $$"""
        {
          "AWSAccountId": "970025851406",
          "AWSContactTraceRecordFormatVersion": "2017-03-10",
          "Agent": {
            "ARN": "{{ConnectInstanceArn}}/agent/57db30ae-8c01-44e6-abd5-80b7b51944cf",
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
              "ARN": "{{ConnectInstanceArn}}/routing-profile/6e16b957-b7c7-44c7-b959-c9380699c7cc",
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
          "InstanceARN": "{{ConnectInstanceArn}}",
          "LastUpdateTimestamp": "2022-04-08T15:03:02Z",
          "MediaStreams": [ { "Type": "AUDIO" } ],
          "NextContactId": null,
          "PreviousContactId": null,
          "Queue": {
            "ARN": "{{ConnectInstanceArn}}/queue/c677a7a5-1d56-4ce3-a890-79fc53f7fe3f",
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

    private const string AcsTopic =
        "/subscriptions/{subscription-id}/resourceGroups/{group-name}/providers/Microsoft.Communication/communicationServices/"
        + "{communication-services-resource-name}";

    private const string AcsChatTemplate = $$"""
        [{
            "id": "02272459-badb-4e2e-b538-4cb8a2f71da6",
            "topic": "{{AcsTopic}}",
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

    private const string ZendeskCommentTemplate =
        """{  "version": "0",  "id": "9d1f5e64-2b1a-4a52-8a55-6b0c2f2a7c21",  "detail-type": "Support Ticket: Comment Created","""
        + """  "source": "aws.partner/zendesk.com/9242270/default",  "account": "123456789012",  "time": "2019-05-25T01:30:00Z","""
        + """  "region": "us-east-1",  "resources": ["Support Ticket"],"""
        + """  "detail": {    "ticket_event": {      "meta": {        "version": "1.0",        "occurred_at": "2019-05-25T01:29:58Z","""
        + """        "ref": "1-1234568000",        "sequence": {          "id": "DE4A698AF24F35B3208649C6951E0022","""
        + """          "position": 1,          "total": 1        },        "actor_id": 20978392      },      "type": "Comment Created","""
        + """      "comment": {        "id": 4522,"""
        + """        "body": "Please call me on +44 20 7946 0958 or mail jane.doe@example.com, card 4111 1111 1111 1111","""
        + """        "is_public": true,        "author": { "id": 20978392, "is_staff": false, "name": "Jane Doe" }      },"""
        + """      "ticket": {        "id": 35436,        "created_at": "2019-05-20T22:55:29Z","""
        + """        "updated_at": "2019-05-25T01:29:58Z",        "type": "question",        "priority": "low",        "status": "open","""
        + """        "requester_id": 20978392,        "submitter_id": 76872,        "assignee_id": 235324,"""
        + """        "organization_id": 10002,        "group_id": 98738,        "brand_id": 123,        "form_id": 6876543,"""
        + """        "external_id": "TEST1234",        "tags": [],        "via": {          "channel": "web"        }      }    }  }}""";
}

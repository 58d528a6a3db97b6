using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace CxServerless.Dashboard.Tests.Support;

/// <summary>Sends events to cx-host through the Event Hubs REST send API (batch form), in chunks under the 1 MiB limit.</summary>
internal sealed class EventHubSender(HttpClient http, string hub)
{
    private const int EventsPerRequest = 200;

    public async Task SendAsync(IEnumerable<JsonObject> events, CancellationToken cancellationToken)
    {
        foreach (var chunk in events.Chunk(EventsPerRequest))
        {
            var batch = new JsonArray([.. chunk.Select(e => (JsonNode)new JsonObject { ["Body"] = e.ToJsonString() })]);
            using var content = new StringContent(batch.ToJsonString(), Encoding.UTF8, "application/vnd.microsoft.servicebus.json");
            using var response = await http.PostAsync(new Uri($"{hub}/messages", UriKind.Relative), content, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"The send API answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using CxHost.Configuration;
using CxHost.Envelope;
using CxHost.Handler;
using CxHost.Storage;

namespace CxHost.Queues;

/// <summary>
/// Writes a successful invocation's <c>queue</c> output bindings: each value (or each item of an array value) becomes one
/// message. Strings that are valid base64 are decoded first unless the binding says <c>"dataType": "binary"</c>, as the
/// host does (<see cref="OutputValue"/>); the message is then written in host.json's <c>messageEncoding</c>.
/// Outputs without a matching binding are ignored, as in the host.
/// </summary>
public sealed class QueueOutputWriter(StorageConnections connections, QueueSettings settings)
{
    private readonly ConcurrentDictionary<string, QueueClient> _queues = new(StringComparer.Ordinal);

    /// <summary>Writes every queue output of <paramref name="outcome"/>.</summary>
    public async Task WriteAsync(FunctionDefinition function, InvocationOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(outcome);
        foreach (var binding in function.Outputs.Where(b => string.Equals(b.Type, "queue", StringComparison.OrdinalIgnoreCase)))
        {
            var value = outcome.Output(binding.Name);
            if (value is null)
            {
                continue;
            }

            var queue = await QueueAsync(binding, cancellationToken);
            IEnumerable<JsonNode?> messages = value is JsonArray items ? items : new[] { value };
            foreach (var item in messages)
            {
                var bytes = OutputValue.ToBytes(item, binding.IsBinary);
                await queue.SendMessageAsync(
                    settings.Base64 ? Convert.ToBase64String(bytes) : Encoding.UTF8.GetString(bytes), cancellationToken);
            }
        }
    }

    private async Task<QueueClient> QueueAsync(BindingDefinition binding, CancellationToken cancellationToken)
    {
        var name = binding.Get("queueName")
            ?? throw new InvalidOperationException($"queue output binding '{binding.Name}' has no queueName.");
        var connection = connections.Resolve(binding.Get("connection"));
        if (_queues.TryGetValue(connection + "|" + name, out var existing))
        {
            return existing;
        }

        var queue = new QueueClient(connection, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return _queues.GetOrAdd(connection + "|" + name, queue);
    }
}

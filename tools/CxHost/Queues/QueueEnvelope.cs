using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Storage.Queues.Models;
using CxHost.Envelope;

namespace CxHost.Queues;

/// <summary>
/// Builds a queue trigger invocation: <c>Data.{name}</c> = the message text, Metadata <c>DequeueCount</c>, <c>Id</c>,
/// <c>PopReceipt</c>, <c>InsertionTime</c>, <c>ExpirationTime</c>, <c>NextVisibleTime</c> and <c>sys</c>.
/// </summary>
public static class QueueEnvelope
{
    /// <summary>The envelope for one received message whose text is <paramref name="text"/>.</summary>
    public static JsonObject Build(
        string functionName, string bindingName, QueueMessage message, string text, EnvelopeEncoding encoding, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Build(
            functionName,
            bindingName,
            text,
            message.MessageId,
            message.PopReceipt,
            message.DequeueCount,
            message.InsertedOn,
            message.ExpiresOn,
            message.NextVisibleOn,
            encoding,
            now);
    }

    /// <summary>The envelope for a message described field by field.</summary>
    public static JsonObject Build(
        string functionName,
        string bindingName,
        string text,
        string id,
        string popReceipt,
        long dequeueCount,
        DateTimeOffset? insertedOn,
        DateTimeOffset? expiresOn,
        DateTimeOffset? nextVisibleOn,
        EnvelopeEncoding encoding,
        DateTimeOffset now) =>
        new InvocationEnvelope(encoding)
            .Data(bindingName, JsonValue.Create(text))
            .Metadata("DequeueCount", JsonValue.Create(dequeueCount))
            .Metadata("Id", JsonValue.Create(id))
            .Metadata("PopReceipt", JsonValue.Create(popReceipt))
            .Metadata("InsertionTime", Time(insertedOn))
            .Metadata("ExpirationTime", Time(expiresOn))
            .Metadata("NextVisibleTime", Time(nextVisibleOn))
            .Metadata("QueueTrigger", JsonValue.Create(text))
            .Sys(functionName, now)
            .ToJson();

    private static JsonValue? Time(DateTimeOffset? value) =>
        value is { } t
            ? JsonValue.Create(t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture))
            : null;
}

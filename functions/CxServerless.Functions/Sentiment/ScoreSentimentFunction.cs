using System.Globalization;
using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Sentiment;

/// <summary>
/// Queue trigger on the sentiment queue (<c>%CxSentimentQueue%</c>): scores the stored events of one message and adds
/// each score to the <c>AverageSentiment</c> buckets exactly once (<see cref="SentimentScoring"/>). A message that is not
/// a sentiment message fails the invocation, so the host retries it <c>maxDequeueCount</c> times (5) and then moves it
/// to <c>{queue}-poison</c>; it never loops.
/// </summary>
public sealed partial class ScoreSentimentFunction(SentimentScoring scoring, ILogger<ScoreSentimentFunction> logger) : IFunctionHandler
{
    /// <summary>The queue message binding name.</summary>
    public const string MessageBinding = "message";

    /// <inheritdoc />
    public string Name => "ScoreSentiment";

    /// <inheritdoc />
    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var delivery = QueueDelivery.TryRead(request, MessageBinding, out var readError);
        if (delivery is null)
        {
            return InvocationResult.Fail(readError!);
        }

        if (SentimentQueueMessage.TryParse(delivery.Text, out var problem) is not { } message)
        {
            LogRefused(logger, delivery.Id, delivery.DequeueCount, problem!);
            return InvocationResult.Fail($"Message {delivery.Id} refused: {problem}");
        }

        var result = await scoring.ProcessAsync(message, cancellationToken);
        return InvocationResult.Ok().Log(string.Create(
            CultureInfo.InvariantCulture,
            $"{Name}: message {delivery.Id}: {message.Items.Count} events, {result.Applied} applied, {result.Late} late, "
            + $"{result.Already} already counted"));
    }

    [LoggerMessage(
        EventId = 4610,
        Level = LogLevel.Warning,
        Message = "Sentiment message {MessageId} refused on delivery {DequeueCount}: {Problem}")]
    private static partial void LogRefused(ILogger logger, string messageId, long dequeueCount, string problem);
}

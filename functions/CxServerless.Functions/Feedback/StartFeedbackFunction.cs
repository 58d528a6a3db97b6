using CxServerless.Domain.Feedback;
using CxServerless.Functions.Invocation;
using CxServerless.Functions.Sentiment;
using CxServerless.Workflows.Feedback;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace CxServerless.Functions.Feedback;

/// <summary>
/// Queue trigger on the feedback queue: evaluates one feedback candidate against the rules in force and opens a closed
/// loop for it, attaches it to the customer's loop under the frequency cap, or hands it to a loop that waits for the
/// customer's follow-up answer. Text without a sentiment from its source is scored by <see cref="SentimentChain"/>.
/// </summary>
/// <remarks>
/// Redelivery changes nothing twice: the loop is claimed under the head row's ETag with the event id, its instance id is
/// the loop id (started once, de-duplicated against every status), an attachment is a row keyed by the event id, and a
/// second raise of the same answer reaches a loop that has already closed. A message that is not a candidate fails the
/// invocation, so the host retries it and then moves it to the poison queue.
/// </remarks>
public sealed partial class StartFeedbackFunction(
    DurableTaskClient client,
    FeedbackLoopStore loops,
    FeedbackRules rules,
    SentimentChain sentiment,
    IOptions<FeedbackOptions> options,
    TimeProvider time,
    ILogger<StartFeedbackFunction> logger) : IFunctionHandler
{
    /// <summary>The queue message binding name.</summary>
    public const string MessageBinding = "message";

    private static readonly IReadOnlyList<string> Once = Enum.GetNames<OrchestrationRuntimeStatus>();

    /// <inheritdoc />
    public string Name => "StartFeedback";

    /// <inheritdoc />
    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var delivery = QueueDelivery.TryRead(request, MessageBinding, out var readError);
        if (delivery is null)
        {
            return InvocationResult.Fail(readError!);
        }

        if (FeedbackCandidate.TryParse(delivery.Text) is not { } candidate)
        {
            LogRefused(logger, delivery.Id);
            return InvocationResult.Fail($"Message {delivery.Id} refused: it is not a feedback candidate.");
        }

        var scored = candidate.Sentiment ?? await ScoreAsync(candidate, cancellationToken);
        var signal = candidate.Signal(scored);
        var head = await loops.GetHeadAsync(candidate.CustomerKey, cancellationToken);
        if (head is { Status: FeedbackLoopStages.AwaitingResponse } && signal.IsScoredSurvey && head.EventId != candidate.EventId)
        {
            var answer = new FollowUpResponse(
                candidate.EventId, new FeedbackScores(candidate.Csat, candidate.Nps, candidate.Ces, scored), candidate.EventTime);
            await client.RaiseEventAsync(head.LoopId, FollowUpResponse.EventName, answer, cancellationToken);
            return InvocationResult.Ok().Log($"feedback {candidate.EventId}: the follow-up answer of {head.LoopId}");
        }

        var evaluation = FeedbackTriggers.Evaluate(rules, signal);
        if (!evaluation.Triggered)
        {
            return InvocationResult.Ok().Log($"feedback {candidate.EventId}: no trigger");
        }

        var settings = options.Value;
        var (loop, opens) = await loops.ClaimAsync(
            candidate.CustomerKey, candidate.EventId, time.GetUtcNow(), settings.FrequencyCap, cancellationToken);
        if (!opens)
        {
            await loops.AttachAsync(
                candidate.CustomerKey, loop.LoopId, candidate.EventId, evaluation.Reasons, evaluation.Topic, time.GetUtcNow(),
                cancellationToken);
            return InvocationResult.Ok().Log($"feedback {candidate.EventId}: attached to {loop.LoopId}");
        }

        var start = new FeedbackLoopRequest(
            loop.LoopId, candidate.CustomerKey, candidate.EventId, evaluation.Reasons, evaluation.Topic,
            Slice(evaluation, candidate), rules.Severity, rules.Version,
            new FeedbackScores(candidate.Csat, candidate.Nps, candidate.Ces, scored),
            settings.FollowUpDelay, settings.ResponseTimeout, rules.FollowUpChannels);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(FeedbackOrchestrator),
                start,
                new StartOrchestrationOptions(loop.LoopId) { DedupeStatuses = Once },
                cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // An earlier delivery of the same event started it.
        }

        return InvocationResult.Ok().Log($"feedback {candidate.EventId}: loop {loop.LoopId} ({string.Join(",", evaluation.Reasons)})");
    }

    /// <summary>The slice the task is routed by: the topic's team, else the contact's team, else its queue.</summary>
    private static string Slice(FeedbackEvaluation evaluation, FeedbackCandidate candidate) =>
        (evaluation.Team ?? candidate.Team) is { Length: > 0 } team ? "team=" + team
        : candidate.Queue is { Length: > 0 } queue ? "queue=" + queue
        : "all";

    private async Task<double?> ScoreAsync(FeedbackCandidate candidate, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(candidate.Text))
        {
            return null;
        }

        var results = await sentiment.ScoreAsync([new SentimentDocument(candidate.EventId, candidate.Text, null)], cancellationToken);
        return results[0].Score.Score;
    }

    [LoggerMessage(EventId = 4801, Level = LogLevel.Warning, Message = "Feedback message {MessageId} refused: not a feedback candidate")]
    private static partial void LogRefused(ILogger logger, string messageId);
}

using CxServerless.Functions.Invocation;
using CxServerless.Workflows.Escalation;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CxServerless.Functions.Escalation;

/// <summary>
/// Queue trigger on the <c>alerts</c> queue: an opened alert starts its escalation workflow (one instance per alert,
/// whatever the number of deliveries); a severity change re-plans it; a resolved alert closes its task. A message
/// that is not an alert transition fails the invocation, so the host retries it and then moves it to the poison queue.
/// </summary>
public sealed partial class StartEscalationFunction(DurableTaskClient client, ILogger<StartEscalationFunction> logger) : IFunctionHandler
{
    /// <summary>The queue message binding name.</summary>
    public const string MessageBinding = "message";

    // Never start an alert's escalation twice: not while it runs, and not after it finished.
    private static readonly IReadOnlyList<string> Once = Enum.GetNames<OrchestrationRuntimeStatus>();

    /// <inheritdoc />
    public string Name => "StartEscalation";

    /// <inheritdoc />
    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var delivery = QueueDelivery.TryRead(request, MessageBinding, out var readError);
        if (delivery is null)
        {
            return InvocationResult.Fail(readError!);
        }

        if (AlertMessage.TryParse(delivery.Text, out var problem) is not { } message)
        {
            LogRefused(logger, delivery.Id, problem!);
            return InvocationResult.Fail($"Message {delivery.Id} refused: {problem}");
        }

        var instanceId = EscalationRequest.InstanceIdFor(message.AlertId);
        var state = await client.GetInstanceAsync(instanceId, cancellationToken);
        switch (message.Event)
        {
            case "opened" or "escalated" when state is null:
                await StartAsync(instanceId, message, cancellationToken);
                break;
            case "escalated" when state.IsRunning:
                await client.RaiseEventAsync(instanceId, TaskAction.EventName,
                    new TaskAction("severityChanged", "system", Severity: message.Request.Severity), cancellationToken);
                break;
            case "resolved" when state is { IsRunning: true }:
                await client.RaiseEventAsync(instanceId, TaskAction.EventName,
                    new TaskAction("alertResolved", "system", "the alert resolved by itself"), cancellationToken);
                break;
            default:
                break; // a repeated delivery, or news of an escalation that has ended
        }

        return InvocationResult.Ok().Log($"alert {message.AlertId} {message.Event}: escalation {instanceId}");
    }

    private async Task StartAsync(string instanceId, AlertMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(EscalationOrchestrator),
                message.Request,
                new StartOrchestrationOptions(instanceId) { DedupeStatuses = Once },
                cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Another delivery of the same message started it first.
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Alert message {MessageId} refused: {Problem}")]
    private static partial void LogRefused(ILogger logger, string messageId, string problem);
}

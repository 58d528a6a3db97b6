using System.Diagnostics;
using CxServerless.Durable.Diagnostics;
using CxServerless.Durable.Messaging;
using CxServerless.Durable.Orchestration;
using CxServerless.Durable.Registration;
using CxServerless.Durable.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CxServerless.Durable.Engine;

/// <summary>Runs one activity work item in its own DI scope and span; an exception becomes a recorded failure.</summary>
internal sealed class ActivityRunner(WorkflowRegistry registry, IServiceProvider services, WorkflowBackend backend)
{
    public async Task<(string? Output, WorkflowFailure? Failure)> RunAsync(WorkMessage message, CancellationToken cancellationToken)
    {
        using var span = DurableTelemetry.Source.StartActivity("workflow.activity", ActivityKind.Internal);
        span?.SetTag("workflow.instance_id", message.InstanceId);
        span?.SetTag("workflow.activity", message.Name);
        var registration = registry.FindActivity(message.Name!);
        if (registration is null)
        {
            return (null, new WorkflowFailure("UnknownActivity", $"No activity named '{message.Name}' is registered in this worker."));
        }

        var input = await backend.Sender.ReadPayloadAsync(message, cancellationToken);
        try
        {
            await using var scope = services.CreateAsyncScope();
            return (await registration.Run(scope.ServiceProvider, input, backend.Options.SerializerOptions, cancellationToken), null);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            return (null, WorkflowFailure.From(ex));
        }
    }

    /// <summary>The control message that reports an activity's outcome to its instance.</summary>
    public static WorkMessage Result(WorkMessage request, string? output, WorkflowFailure? failure) => new()
    {
        Kind = failure is null ? MessageKind.ActivityCompleted : MessageKind.ActivityFailed,
        InstanceId = request.InstanceId,
        Generation = request.Generation,
        Seq = request.Seq,
        Name = request.Name,
        Payload = output,
        Failure = failure,
    };
}

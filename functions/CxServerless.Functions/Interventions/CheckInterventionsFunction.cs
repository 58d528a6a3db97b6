using System.Globalization;
using CxServerless.Domain.Interventions;
using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Interventions;

/// <summary>
/// <c>CheckInterventions</c>: a frequent timer (<c>%CxInterventionSchedule%</c>, every 10 seconds) that offers a callback
/// to each contact still waiting in queue longer than the long-wait rule's threshold, while the customer still waits.
/// A wait is over when ingestion stores its contact's answer, abandonment or end; a wait older than the rule's
/// <c>giveUpAfter</c> is dropped without an offer. The offer reaches the customer at most one timer period (plus the
/// ingestion lag of the events that would have closed the wait) after the threshold.
/// </summary>
public sealed class CheckInterventionsFunction(InterventionStore store, InterventionRecorder recorder, TimeProvider time) : IFunctionHandler
{
    /// <summary>The function's name.</summary>
    public const string FunctionName = "CheckInterventions";

    /// <inheritdoc />
    public string Name => FunctionName;

    /// <inheritdoc />
    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        if (TimerTick.TryRead(request, "timer", out var error) is null)
        {
            return InvocationResult.Fail(error!).Log(error!);
        }

        var (offered, dropped) = await CheckWaitsAsync(cancellationToken);
        return offered + dropped > 0
            ? InvocationResult.Ok().Log(string.Create(
                CultureInfo.InvariantCulture, $"{FunctionName}: {offered} long waits decided, {dropped} stale waits dropped."))
            : InvocationResult.Ok();
    }

    /// <summary>Decides every wait past the threshold now.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Waits decided (sent or suppressed) and stale waits dropped.</returns>
    public async Task<(int Decided, int Dropped)> CheckWaitsAsync(CancellationToken cancellationToken)
    {
        var rule = recorder.Rules.LongWait;
        var now = time.GetUtcNow();
        int decided = 0, dropped = 0;
        foreach (var wait in await store.WaitsQueuedByAsync(now - rule.After, cancellationToken))
        {
            var waited = now - wait.EventTime;
            if (waited <= rule.GiveUpAfter)
            {
                var detail = string.Create(CultureInfo.InvariantCulture, $"waiting {waited.TotalSeconds:0} s in queue");
                await recorder.InterveneAsync(wait with { Kind = InterventionKinds.CallbackOffer, Detail = detail }, cancellationToken);
                decided++;
            }
            else
            {
                dropped++;
            }

            await store.CloseWaitAsync(wait.ConversationId, cancellationToken);
        }

        return (decided, dropped);
    }
}

using CxSim.Generation;

namespace CxSim.Sending;

/// <summary>Delivers a batch of simulated events somewhere and says what became of them. Never throws for delivery failures.</summary>
public interface IBatchSender
{
    /// <summary>Sends <paramref name="batch"/>; throws only <see cref="OperationCanceledException"/> when cancelled.</summary>
    Task<BatchOutcome> SendAsync(IReadOnlyList<SimulatedEvent> batch, CancellationToken cancellationToken);
}

using System.Collections.Concurrent;
using CxServerless.Workflows.Approval;

namespace CxServerless.Workflows.Tests.Approval;

/// <summary>Records the decisions the approval workflow carries out, as the rules store would receive them.</summary>
public sealed class RecordingDecider : IRulesDraftDecider
{
    public ConcurrentQueue<(string Call, string Version, string By)> Calls { get; } = new();

    public Task<string> ActivateAsync(string draftVersion, string by, CancellationToken cancellationToken)
    {
        Calls.Enqueue(("activate", draftVersion, by));
        return Task.FromResult("activated");
    }

    public Task<string> ExpireAsync(string draftVersion, string by, CancellationToken cancellationToken)
    {
        Calls.Enqueue(("expire", draftVersion, by));
        return Task.FromResult("expired");
    }
}

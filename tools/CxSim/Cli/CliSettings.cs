using CxSim.Generation;
using CxSim.Running;
using CxSim.Sending;

namespace CxSim.Cli;

/// <summary>How progress is shown while a run goes on.</summary>
internal enum ProgressMode
{
    Auto,
    Live,
    Plain,
    None,
}

/// <summary>
/// Everything a cx-sim run needs, resolved and validated from the command line and environment. Exactly one of
/// <see cref="RestTarget"/> (cx-host, <c>--endpoint</c>) and <see cref="SdkTarget"/> (a namespace in Azure) is set.
/// </summary>
internal sealed record CliSettings(
    SimulationScenario Scenario,
    RunOptions Run,
    EventHubTarget? RestTarget,
    EventHubSdkTarget? SdkTarget,
    RetryPolicy Retry,
    string? LabelsPath,
    string? SummaryJsonPath,
    ProgressMode Progress,
    TimeSpan ProgressInterval,
    string RateDescription)
{
    /// <summary>Where the events go, for the header and the summary (no key).</summary>
    public string Destination =>
        SdkTarget?.Address ?? RestTarget?.MessagesUri.GetLeftPart(UriPartial.Path) ?? throw new InvalidOperationException("No target.");
}

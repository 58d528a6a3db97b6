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

/// <summary>Everything a cx-sim run needs, resolved and validated from the command line and environment.</summary>
internal sealed record CliSettings(
    SimulationScenario Scenario,
    RunOptions Run,
    EventHubTarget Target,
    RetryPolicy Retry,
    string? LabelsPath,
    string? SummaryJsonPath,
    ProgressMode Progress,
    TimeSpan ProgressInterval,
    string RateDescription);

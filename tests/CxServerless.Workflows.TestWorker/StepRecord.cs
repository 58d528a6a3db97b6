namespace CxServerless.Workflows.TestWorker;

/// <summary>A user-visible record written by a <see cref="RecordStep"/>, or one attempt to write it.</summary>
/// <param name="InstanceId">The orchestration instance.</param>
/// <param name="Step">The step number.</param>
/// <param name="Value">The step's output (records only).</param>
/// <param name="ProcessId">The process that wrote it.</param>
public sealed record StepRecord(string InstanceId, int Step, int Value, int ProcessId);

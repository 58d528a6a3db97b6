namespace CxServerless.Workflows.TestWorker;

/// <summary>The input of one <see cref="RecordStep"/>.</summary>
/// <param name="Step">The step number within its instance, from 1.</param>
/// <param name="Value">The value before the step; the step returns it plus one.</param>
/// <param name="DelayMs">How long the step waits after writing its record and before it returns.</param>
/// <param name="FailuresAfterWrite">How many attempts fail after writing the record, as if the worker died before reporting.</param>
public sealed record StepInput(int Step, int Value, int DelayMs = 0, int FailuresAfterWrite = 0);

namespace CxServerless.Workflows.TestWorker;

/// <summary>The input of a <see cref="StepSequence"/>.</summary>
/// <param name="Start">The value before the first step.</param>
/// <param name="Steps">How many <see cref="RecordStep"/> activities run, one after another.</param>
/// <param name="DelayMs">How long each step waits after writing its record (keeps instances mid-flight).</param>
/// <param name="TimerMs">A durable timer before each step, in milliseconds; none when 0.</param>
/// <param name="FailuresAfterWrite">How many attempts of each step fail after writing the record.</param>
public sealed record StepSequenceInput(int Start, int Steps, int DelayMs = 0, int TimerMs = 0, int FailuresAfterWrite = 0);

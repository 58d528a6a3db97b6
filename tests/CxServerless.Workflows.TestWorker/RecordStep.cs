using Microsoft.DurableTask;

namespace CxServerless.Workflows.TestWorker;

/// <summary>
/// One step of a <see cref="StepSequence"/>: logs the attempt, writes the step's record idempotently (the key is the
/// instance and the step), waits a little, and returns its input plus one. It can fail after the write on its first
/// attempts, as a worker that dies between writing and reporting would, so that the retry meets the record already there.
/// </summary>
/// <param name="records">The records table.</param>
[DurableTask(nameof(RecordStep))]
public sealed class RecordStep(StepRecordTable records) : TaskActivity<StepInput, int>
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, StepInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var attempt = await records.AddAttemptAsync(context.InstanceId, input.Step);
        var output = input.Value + 1;
        await records.TryAddRecordAsync(context.InstanceId, input.Step, output);
        if (input.DelayMs > 0)
        {
            await Task.Delay(input.DelayMs);
        }

        if (attempt <= input.FailuresAfterWrite)
        {
            throw new InvalidOperationException(
                $"Step {input.Step} of {context.InstanceId} failed after writing its record (attempt {attempt}).");
        }

        return output;
    }
}

using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Rules;

/// <summary>
/// <c>Recalibrate</c>: a timer (<c>%CxRecalibrateSchedule%</c>, nightly by default) that recalibrates the active rules
/// version from history and false-alarm feedback (<see cref="RecalibrationRunner"/>). Running it twice on a day
/// writes one draft at most.
/// </summary>
public sealed class RecalibrateFunction(RecalibrationRunner runner) : IFunctionHandler
{
    /// <summary>The function's name.</summary>
    public const string FunctionName = "Recalibrate";

    /// <inheritdoc />
    public string Name => FunctionName;

    /// <inheritdoc />
    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        if (TimerTick.TryRead(request, "timer", out var error) is null)
        {
            return InvocationResult.Fail(error!).Log(error!);
        }

        var outcome = await runner.RunAsync(cancellationToken);
        return InvocationResult.Ok().Log($"{FunctionName}: {outcome}");
    }
}

using CxServerless.Functions.Audit;
using CxServerless.Functions.Invocation;

namespace CxServerless.Functions.Sentiment.Drift;

/// <summary>
/// <c>SentimentDriftCheck</c>: a daily timer (<c>%CxSentimentDriftSchedule%</c>) that checks the sentiment scorer chain
/// for drift on the day before (<see cref="SentimentDriftChecker"/>) and writes one audit entry per run. Running it
/// twice on a day stores one history row and raises one alert at most.
/// </summary>
public sealed class SentimentDriftCheckFunction(SentimentDriftChecker checker, AuditLog audit) : IFunctionHandler
{
    /// <summary>The function's name.</summary>
    public const string FunctionName = "SentimentDriftCheck";

    /// <inheritdoc />
    public string Name => FunctionName;

    /// <inheritdoc />
    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        if (TimerTick.TryRead(request, "timer", out var error) is null)
        {
            return InvocationResult.Fail(error!).Log(error!);
        }

        var (run, made) = await checker.RunAsync(cancellationToken);
        var outcome = made ? run.Summary() : $"already checked: {run.Summary()}";
        await audit.WriteSystemAsync(FunctionName, "sentiment drift check", "sentiment-drift", outcome, cancellationToken);
        return InvocationResult.Ok().Log($"{FunctionName}: {outcome}");
    }
}

namespace CxServerless.Workflows.Tests.Support;

/// <summary>Polls a condition until it holds, failing the test with a description when it does not in time.</summary>
public static class Eventually
{
    /// <summary>Polls every 100 ms until the condition holds.</summary>
    /// <exception cref="TimeoutException">The condition did not hold in time.</exception>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(describe);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(describe());
            }

            await Task.Delay(100);
        }
    }
}

namespace CxServerless.Fault.Tests;

internal static class Wait
{
    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds; throws after <paramref name="timeout"/>.</summary>
    public static async Task<T> UntilAsync<T>(
        Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what, int pollMs = 500, Func<T, string>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                var last = describe?.Invoke(value) ?? value?.ToString();
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}; last: {last}");
            }

            await Task.Delay(pollMs);
        }
    }
}

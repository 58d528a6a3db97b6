namespace CxServerless.Dashboard.Tests.Support;

/// <summary>Polling with a deadline instead of fixed sleeps: the machine may be slow, never wrong.</summary>
internal static class Eventually
{
    public static async Task<T> Async<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T value;
        Exception? last = null;
        while (true)
        {
            try
            {
                value = await probe();
                if (done(value))
                {
                    return value;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                last = ex;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}." + (last is null ? string.Empty : $" Last error: {last.Message}"), last);
            }

            await Task.Delay(250);
        }
    }
}

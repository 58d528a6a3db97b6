using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CxServerless.Benchmarks.Live;

/// <summary>
/// A logger provider that counts errors: cx-host's own entries at Error or above, and the handler's console lines that
/// cx-host forwards (<c>[handler] fail: …</c> or <c>crit: …</c>, the console formatter's error and critical prefixes).
/// It keeps the first few messages so a report can say what they were.
/// </summary>
internal sealed class ErrorCounter : ILoggerProvider
{
    private const int Kept = 5;
    private readonly ConcurrentQueue<string> _first = new();
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public IReadOnlyCollection<string> First => [.. _first];

    public ILogger CreateLogger(string categoryName) => new Counting(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string category, string message)
    {
        Interlocked.Increment(ref _count);
        if (_first.Count < Kept)
        {
            _first.Enqueue($"{category}: {(message.Length > 300 ? message[..300] : message)}");
        }
    }

    private sealed class Counting(ErrorCounter owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            var forwarded = message.StartsWith("[handler] fail:", StringComparison.Ordinal)
                || message.StartsWith("[handler] crit:", StringComparison.Ordinal);
            if (logLevel >= LogLevel.Error || forwarded)
            {
                owner.Add(category, message);
            }
        }
    }
}

using Microsoft.Extensions.Logging;

namespace CxServerless.Benchmarks.Live;

/// <summary>
/// A logger provider that counts errors: cx-host's own entries at Error or above, and the handler's console lines that
/// cx-host forwards (<c>[handler] fail: …</c> or <c>crit: …</c>, the console formatter's error and critical prefixes).
/// It keeps the first few messages so a report can say what they were; the console formatter writes an entry's message on
/// the line after its <c>fail:</c> header, so that line is kept with it. cx-host forwards handler lines at Information: a
/// logger factory with a higher minimum level must let this provider see Information (<see cref="LiveApp"/> does).
/// </summary>
internal sealed class ErrorCounter : ILoggerProvider
{
    private const int Kept = 5;
    private readonly List<string> _first = [];
    private bool _awaitingMessage;
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public IReadOnlyCollection<string> First
    {
        get
        {
            lock (_first)
            {
                return [.. _first];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Counting(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string category, string message, bool header)
    {
        Interlocked.Increment(ref _count);
        lock (_first)
        {
            _awaitingMessage = header && _first.Count < Kept;
            if (_first.Count < Kept)
            {
                _first.Add($"{category}: {Cut(message)}");
            }
        }
    }

    /// <summary>A forwarded handler line: if it follows a kept <c>fail:</c> header, it is that entry's message.</summary>
    private void Continue(string line)
    {
        lock (_first)
        {
            if (_awaitingMessage)
            {
                _first[^1] += " " + Cut(line.Trim());
                _awaitingMessage = false;
            }
        }
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] : text;

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
                owner.Add(category, message, forwarded);
            }
            else if (message.StartsWith("[handler] ", StringComparison.Ordinal))
            {
                owner.Continue(message["[handler] ".Length..]);
            }
        }
    }
}

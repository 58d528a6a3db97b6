using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace CxServerless.Benchmarks.Durable;

/// <summary>
/// A logger provider that counts the warnings and errors a worker host logs (the Durable Task Framework's, the host's),
/// by level, category and event, and keeps the first message of each, so that a run reports anything odd.
/// </summary>
internal sealed class FrameworkLogCounter(LogLevel minimum = LogLevel.Warning) : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, (long Count, string First)> _entries = new(StringComparer.Ordinal);

    /// <summary>The entries so far: "level category[event]" → count and first message.</summary>
    public IReadOnlyDictionary<string, (long Count, string First)> Entries => _entries;

    /// <summary>The lowest level counted: warnings, unless a diagnostic run asks for more.</summary>
    public LogLevel Minimum => minimum;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(LogLevel level, string category, EventId eventId, string message)
    {
        var name = string.IsNullOrEmpty(eventId.Name) ? eventId.Id.ToString(CultureInfo.InvariantCulture) : eventId.Name;
        var key = $"{level} {category}[{name}]";
        _entries.AddOrUpdate(key, _ => (1, message), (_, e) => (e.Count + 1, e.First));

        // A diagnostic run (below Warning) also traces the partition and lease events and every warning, with the time.
        if (minimum < LogLevel.Warning && (level >= LogLevel.Warning || name.StartsWith("Partition", StringComparison.Ordinal)
                || name.StartsWith("Lease", StringComparison.Ordinal)))
        {
            Console.Error.WriteLine($"{DateTimeOffset.Now:HH:mm:ss.fff} {level} {name}: {message}");
        }
    }

    private sealed class Logger(FrameworkLogCounter owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.Minimum;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var message = formatter(state, exception);
                var text = exception is null ? message : $"{message} ({exception.GetType().Name}: {exception.Message})";
                owner.Add(logLevel, category, eventId, text);
            }
        }
    }
}

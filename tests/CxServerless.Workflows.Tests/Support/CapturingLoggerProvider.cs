using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace CxServerless.Workflows.Tests.Support;

/// <summary>Keeps the last log lines of a test's host in memory, to print when the test fails.</summary>
public sealed class CapturingLoggerProvider(int capacity = 5000) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>The captured lines, oldest first.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > capacity && _lines.TryDequeue(out _))
        {
        }
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var time = DateTime.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
            var error = exception is null ? string.Empty : $" [{exception.GetType().Name}: {exception.Message}]";
            provider.Add($"{time} {logLevel} {category}[{eventId.Id}] {formatter(state, exception)}{error}");
        }
    }
}

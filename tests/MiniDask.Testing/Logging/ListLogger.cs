using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MiniDask.Testing;

/// <summary>An ILogger that keeps every entry, so tests can assert that a reason was logged.</summary>
public sealed class ListLogger : ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> entries = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        entries.Enqueue((logLevel, formatter(state, exception)));

    public bool Contains(string text) => entries.Any(e => e.Message.Contains(text, StringComparison.OrdinalIgnoreCase));

    /// <summary>Waits for an entry containing <paramref name="text"/>; logging happens on background tasks.</summary>
    public async Task<bool> WaitForAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Contains(text))
            {
                return true;
            }

            await Task.Delay(10);
        }

        return Contains(text);
    }
}

using Microsoft.Extensions.Logging;

namespace MiniDask.Protocol;

/// <summary>
/// A logger that keeps the last lines written through it (for the dashboard's Info page) and
/// passes everything on to an inner logger.
/// </summary>
public sealed class LogTail : ILogger
{
    private readonly ILogger inner;
    private readonly int capacity;
    private readonly Queue<string> lines = new();
    private long written;

    /// <summary>Keeps the last <paramref name="capacity"/> lines and forwards to <paramref name="inner"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
    public LogTail(ILogger inner, int capacity = 1000)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.inner = inner;
        this.capacity = capacity;
    }

    /// <summary>The lines kept, oldest first.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    /// <summary>Adds a line as if it had been logged (for lines that arrive from elsewhere, such as a worker's).</summary>
    public void Append(string line)
    {
        lock (lines)
        {
            if (lines.Count >= capacity)
            {
                lines.Dequeue();
            }

            lines.Enqueue(line);
            written++;
        }
    }

    /// <summary>How many lines were ever written (kept or dropped since).</summary>
    public long Written
    {
        get
        {
            lock (lines)
            {
                return written;
            }
        }
    }

    /// <summary>The kept lines written after the first <paramref name="count"/> ever written, and the new count.</summary>
    public (IReadOnlyList<string> Lines, long Written) Since(long count)
    {
        lock (lines)
        {
            var fresh = (int)Math.Clamp(written - count, 0, lines.Count);
            return ([.. lines.Skip(lines.Count - fresh)], written);
        }
    }

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    /// <summary>Information and above are kept; the inner logger decides for itself.</summary>
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information || inner.IsEnabled(logLevel);

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (logLevel >= LogLevel.Information)
        {
            Append($"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss.fff} {logLevel}: {formatter(state, exception)}");
        }

        if (inner.IsEnabled(logLevel))
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}

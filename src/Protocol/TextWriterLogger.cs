using Microsoft.Extensions.Logging;

namespace MiniDask.Protocol;

/// <summary>
/// A logger writing one line per event to a <see cref="TextWriter"/> (standard error for the
/// <c>minidask scheduler</c> and <c>minidask worker</c> commands): time, level, category and message.
/// </summary>
/// <param name="writer">Where lines go; writes are serialized.</param>
/// <param name="category">The name printed on each line, such as <c>scheduler</c>.</param>
/// <param name="minimum">Events below this level are dropped.</param>
public sealed class TextWriterLogger(TextWriter writer, string category, LogLevel minimum = LogLevel.Information) : ILogger
{
    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {logLevel,-11} {category}: {formatter(state, exception)}";
        lock (writer)
        {
            writer.WriteLine(exception is null ? line : $"{line}{Environment.NewLine}{exception}");
            writer.Flush();
        }
    }
}

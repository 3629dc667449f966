using System.Runtime.InteropServices;

namespace MiniDask.Cli.Console;

/// <summary>Ctrl+C and SIGTERM, caught so that a long-running command stops gracefully instead of dying.</summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly PosixSignalRegistration sigterm;
    private readonly PosixSignalRegistration sigint;

    public StopSignal()
    {
        sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    }

    /// <summary>Cancelled once either signal arrives.</summary>
    public CancellationToken Token => stop.Token;

    /// <summary>Completes when either signal arrives.</summary>
    public async Task WaitAsync()
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM.
        }
    }

    public void Dispose()
    {
        sigterm.Dispose();
        sigint.Dispose();
        stop.Dispose();
    }

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        stop.Cancel();
    }
}

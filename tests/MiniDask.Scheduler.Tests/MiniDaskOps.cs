namespace MiniDask.Scheduler.Tests;

/// <summary>The hook a worker process calls after preloading this assembly, so that it runs the test ops.</summary>
internal static class MiniDaskOps
{
    public static void Register() => TestOps.EnsureRegistered();
}

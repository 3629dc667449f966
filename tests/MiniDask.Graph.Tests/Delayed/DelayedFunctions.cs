namespace MiniDask.Graph.Tests.Delayed;

/// <summary>Static functions for delayed calls, with call counters for the work-sharing tests.</summary>
internal static class DelayedFunctions
{
    private static int countedCalls;

    public static int CountedCalls => Volatile.Read(ref countedCalls);

    public static double Add(double a, double b) => a + b;

    public static double Scale(double x, double factor) => x * factor;

    public static string Greet(string name) => "hello " + name;

    public static double Total(double[] values) => values.Sum();

    public static int CountItems(List<string> items) => items.Count;

    public static double SumAll(IEnumerable<double> values) => values.Sum();

    public static (double Min, double Max) MinMax(double[] values) => (values.Min(), values.Max());

    public static string[] Split(string text) => text.Split(' ');

    public static long Counted(long x)
    {
        Interlocked.Increment(ref countedCalls);
        return x * 10;
    }

    public static long Twice(long x) => 2 * x;

    public static long Plus(long a, long b) => a + b;

    public static double Fail(double x) => throw new InvalidOperationException($"cannot take {x}");

    public static long Tick() => Environment.TickCount64;
}

/// <summary>A future held by nobody but this process: its value is fixed, as a cluster's would be once computed.</summary>
internal sealed class FixedFuture(Key key, object? value) : IFuture
{
    public int Fetches { get; private set; }

    public Key Key { get; } = key;

    public Task<object?> ResultAsync(CancellationToken cancellationToken = default)
    {
        Fetches++;
        return Task.FromResult(value);
    }

    public bool Disposed { get; private set; }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}

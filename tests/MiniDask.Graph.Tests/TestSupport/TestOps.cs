namespace MiniDask.Graph.Tests.TestSupport;

/// <summary>Small ops for graph tests, registered under names no collection uses.</summary>
internal static class TestOps
{
    public const string Const = "test.graph.const";
    public const string Inc = "test.graph.inc";
    public const string Add = "test.graph.add";
    public const string Sum = "test.graph.sum";
    public const string Fail = "test.graph.fail";
    public const string CheapConst = "test.graph.cheap-const";

    static TestOps()
    {
        OpRegistry.Register(Const, ConstOp);
        OpRegistry.Register(Inc, IncOp);
        OpRegistry.Register(Add, AddOp);
        OpRegistry.Register(Sum, SumOp);
        OpRegistry.Register(Fail, FailOp);
        OpRegistry.Register(CheapConst, ConstOp);
        OpRegistry.MarkCheapToRecompute(CheapConst);
    }

    /// <summary>Makes sure the ops are registered (runs the static constructor once).</summary>
    public static void EnsureRegistered()
    {
    }

    private static object? ConstOp(object?[] args) => args[0];

    private static object? IncOp(object?[] args) => (int)args[0]! + 1;

    private static object? AddOp(object?[] args) => args.Sum(a => (int)a!);

    private static object? SumOp(object?[] args) => ((object?[])args[0]!).Sum(a => (int)a!);

    private static object? FailOp(object?[] args) => throw new InvalidOperationException("boom: " + args[0]);
}

using System.Linq.Expressions;
using MiniDask.Graph;
using MiniDask.Graph.Functions;

namespace MiniDask.Bag.Tests.Functions;

public class UserFunctionsTests
{
    private readonly int offset = 5;

    [Fact]
    public void NameOf_StaticMethod_IsDistributableNameOfAssemblyTypeAndMethod()
    {
        var name = UserFunctions.NameOf(Twice);

        Assert.Equal("user:MiniDask.Bag.Tests:MiniDask.Bag.Tests.Functions.UserFunctionsTests:Twice", name);
        Assert.False(UserFunctions.IsProcessLocal(name));
        Assert.Equal("UserFunctionsTests.Twice", UserFunctions.DisplayName(name));
    }

    [Fact]
    public void NameOf_NonCapturingLambda_IsDistributableAndStable()
    {
        Func<int, int> first = static x => x + 1;

        var name = UserFunctions.NameOf(first);

        Assert.StartsWith(UserFunctions.DistributablePrefix, name);
        Assert.Equal(name, UserFunctions.NameOf(first));
        Assert.Equal("lambda in UserFunctionsTests.NameOf_NonCapturingLambda_IsDistributableAndStable", UserFunctions.DisplayName(name));
    }

    [Fact]
    public void CapturedVariables_StaticMethodAndNonCapturingLambda_AreEmpty()
    {
        Func<int, int> lambda = x => x * 2;

        Assert.Empty(UserFunctions.CapturedVariables(Twice));
        Assert.Empty(UserFunctions.CapturedVariables(lambda));
    }

    [Fact]
    public void CapturedVariables_CapturingLambda_NamesTheVariables()
    {
        var factor = 3;
        var shift = 1;
        Func<int, int> lambda = x => (x * factor) + shift;

        Assert.Equal(["factor", "shift"], UserFunctions.CapturedVariables(lambda));
    }

    [Fact]
    public void CapturedVariables_NestedScopes_NamesVariablesOfEveryScope()
    {
        var outer = 2;
        Func<int, int>? lambda = null;
        for (var i = 0; i < 1; i++)
        {
            var inner = i + 10;
            lambda = x => x + outer + inner;
        }

        Assert.Equal(["inner", "outer"], UserFunctions.CapturedVariables(lambda!));
    }

    [Fact]
    public void CapturedVariables_InstanceMemberAndMethodGroup_NameThis()
    {
        Func<int, int> lambda = x => x + offset;

        Assert.Equal(["this"], UserFunctions.CapturedVariables(lambda));
        Assert.Equal(["this"], UserFunctions.CapturedVariables(AddOffset));
    }

    [Fact]
    public void CapturedVariables_LocalAndInstanceMember_NameBoth()
    {
        var local = 1;
        Func<int, int> both = x => x + offset + local;

        Assert.Equal(["local", "this"], UserFunctions.CapturedVariables(both));
    }

    [Fact]
    public void CapturedVariables_LambdasSharingAScope_ReportTheSharedClosure()
    {
        var first = 1;
        var second = 2;
        Func<int, int> usesFirst = x => x + first;
        Func<int, int> usesSecond = x => x + second;

        Assert.Equal(["first", "second"], UserFunctions.CapturedVariables(usesFirst));
        Assert.Equal(2, usesSecond(0));
    }

    [Fact]
    public void CapturedVariables_ClosureCachingADelegate_NamesOnlyTheUsersVariables()
    {
        var factor = 3;

        // The inner lambda is created in a nested scope, so the compiler caches it in a field of the
        // closure (named like <>9__1) beside the captured variable.
        Func<Func<int, int>> make = () => v => v * factor;
        var lambda = make();

        Assert.Contains(lambda.Target!.GetType().GetFields(), f => f.Name.StartsWith("<>9__", StringComparison.Ordinal));
        Assert.Equal(["factor"], UserFunctions.CapturedVariables(lambda));
        Assert.EndsWith(":captures factor", UserFunctions.NameOf(lambda), StringComparison.Ordinal);
    }

    [Fact]
    public void NameOf_CapturingLambda_IsProcessLocalAndUniquePerInstance()
    {
        var names = Enumerable.Range(0, 2).Select(factor => UserFunctions.NameOf((Func<int, int>)(x => x * factor))).ToList();

        Assert.All(names, n => Assert.True(UserFunctions.IsProcessLocal(n)));
        Assert.NotEqual(names[0], names[1]);
        Assert.EndsWith(":captures factor", names[0]);
    }

    [Fact]
    public void NameOf_CompiledExpressionAndMulticast_AreProcessLocal()
    {
        var compiled = ((Expression<Func<int, int>>)(x => x + 1)).Compile();
        var multicast = (Func<int, int>)Delegate.Combine((Func<int, int>)Twice, (Func<int, int>)Twice)!;

        Assert.True(UserFunctions.IsProcessLocal(UserFunctions.NameOf(compiled)));
        Assert.EndsWith("is a multicast delegate", UserFunctions.NameOf(multicast));
    }

    [Fact]
    public void Compute_CapturingLambda_RunsLocally()
    {
        var factor = 4;

        Assert.Equal([0, 4, 8], DBag.Range(3, 2).Select(x => x * factor).Run());
    }

    [Fact]
    public void EnsureDistributable_CapturingLambda_ThrowsNamingCapturedVariables()
    {
        var factor = 4;
        var threshold = 2;
        var bag = DBag.Range(3, 2).Select(x => x * factor).Where(x => x > threshold);

        var e = Assert.Throws<ProcessLocalFunctionException>(bag.EnsureDistributable);

        Assert.Contains("factor", e.Message);
        Assert.Contains("lambda in UserFunctionsTests.EnsureDistributable_CapturingLambda_ThrowsNamingCapturedVariables", e.Message);
        Assert.Equal("captures factor,threshold", e.Reason);
    }

    [Fact]
    public void EnsureDistributable_StaticAndNonCapturingFunctions_Passes()
    {
        var bag = DBag.Range(3, 2).Select(Twice).Where(static x => x > 1);

        bag.EnsureDistributable();
        bag.Count().EnsureDistributable();

        Assert.Equal([2, 4], bag.Run());
    }

    [Fact]
    public void Resolve_NameNotRegisteredHere_LoadsTheFunctionFromItsAssembly()
    {
        Func<string, int> lambda = static s => s.Length + 100;
        var lambdaName = UserFunctions.NameOf(lambda);
        var methodName = UserFunctions.NameOf(OnlyResolvedByName);
        Assert.False(OpRegistry.IsRegistered(lambdaName));
        Assert.False(OpRegistry.IsRegistered(methodName));

        Assert.Equal(102, UserFunctions.Resolve(lambdaName).As<Func<string, int>>()("ab"));
        Assert.Equal(-7, UserFunctions.Resolve(methodName).As<Func<int, int>>()(7));
        Assert.Equal(-7, OpRegistry.Resolve(methodName)([7]));
    }

    [Fact]
    public void Resolve_ProcessLocalNameFromAnotherProcess_ThrowsNamingFunction()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            UserFunctions.Resolve("local:App:App.Program+<>c__DisplayClass0_0:<Main>b__0:99:captures limit"));

        Assert.Contains("lambda in Program.Main", e.Message);
        Assert.Contains("captures limit", e.Message);
    }

    [Theory]
    [InlineData("user:A:Ns.Program:Square", "Program.Square")]
    [InlineData("user:A:Ns.Program+<>c:<Main>b__0_0", "lambda in Program.Main")]
    [InlineData("user:A:Ns.Program:<Main>g__Square|0_1", "Program.Main.Square")]
    [InlineData("user:A:Ns.Outer+Inner:Run", "Outer.Inner.Run")]
    [InlineData("bag-map", "bag-map")]
    public void DisplayName_UserFunctionNames_AreReadable(string name, string expected)
    {
        Assert.Equal(expected, UserFunctions.DisplayName(name));
    }

    [Fact]
    public void Select_FailingFunction_SurfacesPartitionElementAndFunction()
    {
        var bag = DBag.Range(10, 3).Select(x => x == 7 ? throw new FormatException("seven") : x);

        var e = Assert.Throws<TaskFailedException>(() => bag.Run());

        Assert.Equal(2, e.Key[0]);
        var inner = Assert.IsType<UserFunctionException>(e.InnerException);
        Assert.Equal(2, inner.Partition);
        Assert.Equal(1, inner.Element);
        Assert.IsType<FormatException>(inner.InnerException);
        Assert.Contains("lambda in UserFunctionsTests.Select_FailingFunction_SurfacesPartitionElementAndFunction failed on partition 2, element 1 (7)", inner.Message);
    }

    [Fact]
    public void Select_ContravariantDelegate_Works()
    {
        Func<object, string> describe = static o => $"<{o}>";

        Assert.Equal(["<a>", "<b>"], DBag.FromSequence(["a", "b"], npartitions: 2).Select<string>(describe).Run());
    }

    private static int Twice(int x) => x * 2;

    private static int OnlyResolvedByName(int x) => -x;

    private int AddOffset(int x) => x + offset;
}

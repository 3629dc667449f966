using MiniDask.Graph.Functions;

namespace MiniDask.Graph.Tests;

public sealed class OpRegistryTests
{
    private static long TripleForResolver(long x) => 3 * x;

    [Fact]
    public void Resolve_UnregisteredUserFunctionName_LoadsItFromItsAssembly()
    {
        var name = UserFunctions.NameOf((Func<long, long>)TripleForResolver);
        Assert.False(OpRegistry.IsRegistered(name));

        var op = OpRegistry.Resolve(name);

        Assert.Equal(21L, op([7L]));
        Assert.True(OpRegistry.IsRegistered(name));
    }

    [Fact]
    public void Resolve_NameUnderARegisteredPrefix_UsesTheLongestMatchingResolver()
    {
        OpRegistry.RegisterResolver("test.registry.", _ => _ => "short");
        OpRegistry.RegisterResolver("test.registry.long.", name => _ => name);

        Assert.Equal("test.registry.long.x", OpRegistry.Resolve("test.registry.long.x")([]));
        Assert.Equal("short", OpRegistry.Resolve("test.registry.other")([]));
    }

    [Fact]
    public void Resolve_UnknownNameWithoutResolver_ThrowsUnknownOpNamingIt()
    {
        var error = Assert.Throws<UnknownOpException>(() => OpRegistry.Resolve("test.registry-none.op"));

        Assert.Equal("test.registry-none.op", error.Op);
        Assert.Contains("test.registry-none.op", error.Message);
    }

    [Fact]
    public void Bind_UnregisteredStaticFunction_BindsToTheRequestedDelegateType()
    {
        var name = UserFunctions.NameOf((Func<long, long>)TripleForResolver);

        var bound = UserFunctions.Bind<Converter<long, long>>(name);

        Assert.Equal(30L, bound(10L));
    }
}

public sealed class UserFunctionRebindTests
{
    private static long Square(long x) => x * x;

    [Fact]
    public void Bind_FunctionRegisteredUnderAnotherDelegateType_RebindsIt()
    {
        var name = UserFunctions.Register((Func<long, long>)Square);

        var bound = UserFunctions.Bind<Converter<long, long>>(name);

        Assert.Equal(49L, bound(7L));
    }
}

public sealed class EnsureDistributableTests
{
    [Fact]
    public void EnsureDistributable_OpWrappingACapturingLambda_ThrowsNamingTheCapture()
    {
        var offset = 2L;
        var local = UserFunctions.NameOf((Func<long, long>)(v => v + offset));
        var graph = TaskGraph.FromTasks(new Dictionary<Key, DaskTask>
        {
            [new Key("m", 0)] = new DaskTask($"array.user.map[int64,int64]:{local}"),
        });

        var error = Assert.Throws<ProcessLocalFunctionException>(() => UserFunctions.EnsureDistributable(graph));

        Assert.Equal(new Key("m", 0), error.Key);
        Assert.Contains("offset", error.Reason);
    }

    [Fact]
    public void EnsureDistributable_OpWrappingAStaticFunction_Passes()
    {
        var name = UserFunctions.NameOf((Func<long, long>)Negate);
        var graph = TaskGraph.FromTasks(new Dictionary<Key, DaskTask>
        {
            [new Key("m", 0)] = new DaskTask($"array.user.map[int64,int64]:{name}"),
        });

        UserFunctions.EnsureDistributable(graph);

        Assert.StartsWith("user:", name);
    }

    private static long Negate(long v) => -v;
}

using System.Numerics;
using System.Reflection;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// The block ops that run user functions (<c>Map</c>, <c>MapBlocks</c>, <c>Blockwise</c>,
/// <c>FromFunction</c>). Each is named <c>array.user.{kind}[{dtypes}]:{function}</c>, where the
/// function's name is <see cref="Graph.Functions.UserFunctions.NameOf"/>; the building process registers the op
/// around the delegate it was given, and any other process (a worker) rebuilds it from the name
/// through the resolver registered here, loading the function from its assembly.
/// </summary>
internal static class UserOps
{
    public const string Prefix = "array.user.";

    private static readonly Dictionary<string, MethodInfo> Factories = new(StringComparer.Ordinal)
    {
        ["map"] = Factory(nameof(Map)),
        ["map-blocks"] = Factory(nameof(MapBlocks)),
        ["map-blocks2"] = Factory(nameof(MapBlocks2)),
        ["map-blocks-id"] = Factory(nameof(MapBlocksWithId)),
        ["map-blocks-info"] = Factory(nameof(MapBlocksWithInfo)),
        ["map-blocks-n"] = Factory(nameof(MapBlocksOfMany)),
        ["map-blocks-n-info"] = Factory(nameof(MapBlocksOfManyWithInfo)),
        ["blockwise"] = Factory(nameof(Blockwise)),
        ["fromfunction"] = Factory(nameof(FromFunction)),
        ["apply-along-axis"] = Factory(nameof(ApplyAlongAxis)),
    };

    /// <summary>Registers the resolver that rebuilds these ops from their names.</summary>
    public static void RegisterResolver() => OpRegistry.RegisterResolver(Prefix, Rebuild);

    /// <summary>
    /// Registers the op of kind <paramref name="kind"/> over element types
    /// <paramref name="types"/> running <paramref name="function"/>, and returns its name.
    /// </summary>
    public static string Register(string kind, Type[] types, Delegate function)
    {
        var name = $"{Prefix}{kind}[{string.Join(",", types.Select(DTypes.NameOf))}]:{Graph.Functions.UserFunctions.NameOf(function)}";
        if (!OpRegistry.IsRegistered(name))
        {
            OpRegistry.Register(name, Create(kind, types, function));
            UserFunctions.RecordCaptures(name, function);
        }

        return name;
    }

    private static OpFunc Rebuild(string name)
    {
        var open = name.IndexOf('[', StringComparison.Ordinal);
        var close = name.IndexOf("]:", StringComparison.Ordinal);
        if (open < 0 || close < open)
        {
            throw new InvalidOperationException($"'{name}' is not an array user-function op name: expected {Prefix}{{kind}}[{{dtypes}}]:{{function}}.");
        }

        var kind = name[Prefix.Length..open];
        var types = name[(open + 1)..close].Split(',').Select(DTypes.TypeOf).ToArray();
        return Create(kind, types, function: null, functionName: name[(close + 2)..]);
    }

    private static OpFunc Create(string kind, Type[] types, Delegate? function, string? functionName = null)
    {
        if (!Factories.TryGetValue(kind, out var factory))
        {
            throw new InvalidOperationException($"Unknown array user-function op kind '{kind}'; known: {string.Join(", ", Factories.Keys)}.");
        }

        return (OpFunc)factory.MakeGenericMethod(types).Invoke(null, BindingFlags.DoNotWrapExceptions, null, [function, functionName], null)!;
    }

    private static MethodInfo Factory(string name) =>
        typeof(UserOps).GetMethod(name, BindingFlags.Static | BindingFlags.NonPublic)!;

    private static TDelegate Bind<TDelegate>(Delegate? function, string? name)
        where TDelegate : Delegate =>
        function as TDelegate ?? Graph.Functions.UserFunctions.Bind<TDelegate>(name!);

    private static OpFunc Map<T, TOut>(Delegate? function, string? name)
        where T : unmanaged, INumber<T>
        where TOut : unmanaged, INumber<TOut>
    {
        var f = Bind<Func<T, TOut>>(function, name);
        return args =>
        {
            var block = (NDArray<T>)args[0]!;
            var result = NDArray<TOut>.CreateUninitialized(block.Shape);
            ReadOnlySpan<T> src = block.Span;
            var dest = result.Span;
            for (var i = 0; i < dest.Length; i++)
            {
                dest[i] = f(src[i]);
            }

            return result;
        };
    }

    /// <summary><c>(block, int axis, int outLength)</c>: the function on every 1-D lane along the axis (see <see cref="AlongAxis"/>).</summary>
    private static OpFunc ApplyAlongAxis<T, TOut>(Delegate? function, string? name)
        where T : unmanaged, INumber<T>
        where TOut : unmanaged, INumber<TOut>
    {
        var f = Bind<Func<NDArray<T>, NDArray<TOut>>>(function, name);
        return args => AlongAxis.Apply((NDArray<T>)args[0]!, (int)args[1]!, (int)args[2]!, f);
    }

    private static OpFunc MapBlocks<T, TOut>(Delegate? function, string? name)
        where T : unmanaged, INumber<T>
        where TOut : unmanaged, INumber<TOut>
    {
        var f = Bind<Func<NDArray<T>, NDArray<TOut>>>(function, name);
        return args => BlockwiseLayer.CheckShape(f((NDArray<T>)args[1]!), (int[])args[0]!, $"MapBlocks function {f.Method.Name}");
    }

    /// <summary><c>(int[] blockShape, int[] blockId, block)</c>.</summary>
    private static OpFunc MapBlocksWithId<T, TOut>(Delegate? function, string? name)
        where T : unmanaged, INumber<T>
        where TOut : unmanaged, INumber<TOut>
    {
        var f = Bind<Func<NDArray<T>, int[], NDArray<TOut>>>(function, name);
        return args => BlockwiseLayer.CheckShape(f((NDArray<T>)args[2]!, (int[])args[1]!), (int[])args[0]!, $"MapBlocks function {f.Method.Name}");
    }

    /// <summary><c>(int[] blockShape, int[] blockId, int[][] chunks, int[][] inputAxes, int[][][] inputChunks, block)</c>.</summary>
    private static OpFunc MapBlocksWithInfo<T, TOut>(Delegate? function, string? name)
        where T : unmanaged, INumber<T>
        where TOut : unmanaged, INumber<TOut>
    {
        var f = Bind<Func<NDArray<T>, BlockInfo, NDArray<TOut>>>(function, name);
        return args => BlockwiseLayer.CheckShape(f((NDArray<T>)args[5]!, Info(args)), (int[])args[0]!, $"MapBlocks function {f.Method.Name}");
    }

    /// <summary><c>(int[] blockShape, blocks...)</c>.</summary>
    private static OpFunc MapBlocksOfMany<TOut>(Delegate? function, string? name)
        where TOut : unmanaged, INumber<TOut>
    {
        var f = Bind<Func<INDArray[], NDArray<TOut>>>(function, name);
        return args => BlockwiseLayer.CheckShape(f([.. args.Skip(1).Cast<INDArray>()]), (int[])args[0]!, $"MapBlocks function {f.Method.Name}");
    }

    /// <summary><c>(int[] blockShape, int[] blockId, int[][] chunks, int[][] inputAxes, int[][][] inputChunks, blocks...)</c>.</summary>
    private static OpFunc MapBlocksOfManyWithInfo<TOut>(Delegate? function, string? name)
        where TOut : unmanaged, INumber<TOut>
    {
        var f = Bind<Func<INDArray[], BlockInfo, NDArray<TOut>>>(function, name);
        return args => BlockwiseLayer.CheckShape(f([.. args.Skip(5).Cast<INDArray>()], Info(args)), (int[])args[0]!, $"MapBlocks function {f.Method.Name}");
    }

    /// <summary>The <see cref="BlockInfo"/> of the literals after the block shape (see <see cref="BlockwiseLayer.Arguments"/>).</summary>
    private static BlockInfo Info(object?[] args) =>
        BlockInfo.Of((int[])args[1]!, (int[][])args[2]!, (int[][])args[3]!, (int[][][])args[4]!);

    private static OpFunc MapBlocks2<T1, T2, TOut>(Delegate? function, string? name)
        where T1 : unmanaged, INumber<T1>
        where T2 : unmanaged, INumber<T2>
        where TOut : unmanaged, INumber<TOut>
    {
        var f = Bind<Func<NDArray<T1>, NDArray<T2>, NDArray<TOut>>>(function, name);
        return args =>
        {
            var x = (NDArray<T1>)args[0]!;
            var y = (NDArray<T2>)args[1]!;
            return BlockwiseLayer.CheckShape(f(x, y), Shapes.Broadcast(x.Shape, y.Shape), $"MapBlocks function {f.Method.Name}");
        };
    }

    private static OpFunc Blockwise<TOut>(Delegate? function, string? name)
        where TOut : unmanaged, INumber<TOut>
    {
        var f = Bind<Func<INDArray[], NDArray<TOut>>>(function, name);
        return args => BlockwiseLayer.CheckShape(f([.. args.Skip(1).Cast<INDArray>()]), (int[])args[0]!, $"Blockwise function {f.Method.Name}");
    }

    private static OpFunc FromFunction<T>(Delegate? function, string? name)
        where T : unmanaged, INumber<T>
    {
        var f = Bind<IndexFunction<T>>(function, name);
        return args => DArray.FillFromFunction(f, (int[])args[0]!, (int[])args[1]!);
    }
}

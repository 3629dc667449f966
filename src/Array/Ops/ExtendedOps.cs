using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Registers the block ops of the NumPy-style API beyond the first slice (called from
/// <see cref="ArrayOps"/>' module initializer): boolean blocks, comparisons, math functions,
/// type conversion, re-cutting chunks, cumulative sums, and the steps of the statistical
/// reductions. Names follow <c>array.{op}.{dtype}</c>.
/// </summary>
internal static class ExtendedOps
{
    /// <summary>The op that makes a block of standard normal doubles: <c>(seed, blockIndex, blockShape, mean, std)</c>.</summary>
    public const string RandomNormalOp = "array.random-normal";

    /// <summary>The op that makes a block of evenly spaced doubles: <c>(start, step, offset, length, num, stop, endpoint)</c>.</summary>
    public const string LinspaceOp = "array.linspace";

    /// <summary>The combine step of variance.</summary>
    public const string MomentsCombineOp = "array.moments-combine";

    /// <summary>The aggregate step of variance and standard deviation.</summary>
    public const string VarianceAggregateOp = "array.var-aggregate";

    /// <summary>Registers every op; idempotent like <see cref="OpRegistry.Register"/>.</summary>
    public static void Register()
    {
        OpRegistry.Register(RandomNormalOp, static args => Normal(args));
        OpRegistry.MarkCheapToRecompute(RandomNormalOp);
        OpRegistry.Register(LinspaceOp, static args => Linspace(args));
        OpRegistry.Register(MomentsCombineOp, MomentOps.Combine);
        OpRegistry.Register(VarianceAggregateOp, MomentOps.Aggregate);

        OpRegistry.Register(ArrayOps.Name<Bool>("block"), BlockOps<Bool>.Block);
        OpRegistry.Register(ArrayOps.Name<Bool>("full"), BlockOps<Bool>.Full);
        OpRegistry.Register(ArrayOps.Name<Bool>("transpose"), BlockOps<Bool>.Transpose);
        RegisterReduction<Bool, MaxOperator<Bool>>("max");
        RegisterReduction<Bool, MinOperator<Bool>>("min");
        OpRegistry.Register(ArrayOps.Name<Bool>("any-combine"), BlockOps<Bool>.Combine<AnyOperator>);
        OpRegistry.Register(ArrayOps.Name<Bool>("any-aggregate"), BlockOps<Bool>.Aggregate<AnyOperator>);
        OpRegistry.Register(ArrayOps.Name<Bool>("all-combine"), BlockOps<Bool>.Combine<AllOperator>);
        OpRegistry.Register(ArrayOps.Name<Bool>("all-aggregate"), BlockOps<Bool>.Aggregate<AllOperator>);
        OpRegistry.Register(ArrayOps.Name<Bool>("logical_and"), BlockOps<Bool>.Binary<LogicalAndOperator>);
        OpRegistry.Register(ArrayOps.Name<Bool>("logical_or"), BlockOps<Bool>.Binary<LogicalOrOperator>);
        OpRegistry.Register(ArrayOps.Name<Bool>("logical_xor"), BlockOps<Bool>.Binary<LogicalXorOperator>);
        OpRegistry.Register(ArrayOps.Name<Bool>("logical_not"), ElementwiseBlockOps<Bool>.Unary<LogicalNotOperator>);

        DTypeLists.ForEach(default(AllTypes));
        DTypeLists.ForEachNumeric(default(NumericTypes));
        DTypeLists.ForEachFloat(default(FloatTypes));
    }

    /// <summary>Ops for every element type, booleans included.</summary>
    private static void RegisterAll<T>()
        where T : unmanaged, INumber<T>
    {
        OpRegistry.Register(ArrayOps.Name<T>("assemble"), ElementwiseBlockOps<T>.Assemble);
        OpRegistry.Register(ArrayOps.Name<T>("take-last"), ElementwiseBlockOps<T>.TakeLast);
        OpRegistry.Register(ArrayOps.Name<T>("where"), ElementwiseBlockOps<T>.Where);
        OpRegistry.Register(ArrayOps.Name<T>("eye"), ElementwiseBlockOps<T>.Eye);
        OpRegistry.Register(ArrayOps.Name<T>("maximum"), BlockOps<T>.Binary<MaximumOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("minimum"), BlockOps<T>.Binary<MinimumOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("clip"), ElementwiseBlockOps<T>.Clip);
        // Complex numbers take operators of their own, kept apart from those GPU kernels compile.
        OpRegistry.Register(
            ArrayOps.Name<T>("absolute"),
            typeof(T) == typeof(Complex128) ? ElementwiseBlockOps<Complex128>.Unary<ComplexAbsOperator> : ElementwiseBlockOps<T>.Unary<AbsOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("equal"), ElementwiseBlockOps<T>.Compare<EqualOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("not_equal"), ElementwiseBlockOps<T>.Compare<NotEqualOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("less"), ElementwiseBlockOps<T>.Compare<LessOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("less_equal"), ElementwiseBlockOps<T>.Compare<LessEqualOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("greater"), ElementwiseBlockOps<T>.Compare<GreaterOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("greater_equal"), ElementwiseBlockOps<T>.Compare<GreaterEqualOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("any-chunk"), ReductionBlockOps<T>.AnyChunk);
        OpRegistry.Register(ArrayOps.Name<T>("all-chunk"), ReductionBlockOps<T>.AllChunk);
        OpRegistry.Register(ArrayOps.Name<T>("arg-chunk"), ReductionBlockOps<T>.ArgChunk);
        OpRegistry.Register(ArrayOps.Name<T>("arg-combine"), ReductionBlockOps<T>.ArgCombine);
        OpRegistry.Register(ArrayOps.Name<T>("arg-aggregate"), ReductionBlockOps<T>.ArgAggregate);
        OpRegistry.Register(ArrayOps.Name<T>("moments-chunk"), ReductionBlockOps<T>.MomentsChunk);
        DTypeLists.ForEach(default(CastsFrom<T>));
    }

    /// <summary>Ops for the numeric element types (NumPy refuses them for booleans).</summary>
    private static void RegisterNumeric<T>()
        where T : unmanaged, INumber<T>
    {
        OpRegistry.Register(ArrayOps.Name<T>("remainder"), BlockOps<T>.Binary<RemainderOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("floor_divide"), BlockOps<T>.Binary<FloorDivideOperator<T>>);
        OpRegistry.Register(
            ArrayOps.Name<T>("power"),
            typeof(T) == typeof(Complex128) ? BlockOps<Complex128>.Binary<ComplexPowerOperator> : BlockOps<T>.Binary<PowerOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("negative"), ElementwiseBlockOps<T>.Unary<NegateOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("arange"), ElementwiseBlockOps<T>.Arange);
        OpRegistry.Register(ArrayOps.Name<T>("cumsum"), ElementwiseBlockOps<T>.Cumulative<SumOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("cumprod"), ElementwiseBlockOps<T>.Cumulative<ProductOperator<T>>);
        RegisterReduction<T, ProductOperator<T>>("prod");
    }

    /// <summary>Ops defined only for floating-point element types.</summary>
    private static void RegisterFloat<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpRegistry.Register(ArrayOps.Name<T>("exp"), ElementwiseBlockOps<T>.Unary<ExpOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("log"), ElementwiseBlockOps<T>.Unary<LogOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("sqrt"), ElementwiseBlockOps<T>.Unary<SqrtOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("sin"), ElementwiseBlockOps<T>.Unary<SinOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("cos"), ElementwiseBlockOps<T>.Unary<CosOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("tanh"), ElementwiseBlockOps<T>.Unary<TanhOperator<T>>);
    }

    /// <summary>Registers the casts from <typeparamref name="TFrom"/> to every other element type.</summary>
    private readonly struct CastsFrom<TFrom> : IDTypeAction
        where TFrom : unmanaged, INumber<TFrom>
    {
        public void Run<TTo>()
            where TTo : unmanaged, INumber<TTo>
        {
            if (typeof(TFrom) != typeof(TTo))
            {
                OpRegistry.Register(ArrayOps.Name<TFrom>($"astype-{DTypes.NameOf<TTo>()}"), ElementwiseBlockOps<TFrom>.Cast<TTo>);
            }
        }
    }

    private static void RegisterReduction<T, TOp>(string kind)
        where T : unmanaged, INumber<T>
        where TOp : IReductionOperator<T>
    {
        OpRegistry.Register(ArrayOps.Name<T>($"{kind}-chunk"), BlockOps<T>.ReduceChunk<TOp>);
        OpRegistry.Register(ArrayOps.Name<T>($"{kind}-combine"), BlockOps<T>.Combine<TOp>);
        OpRegistry.Register(ArrayOps.Name<T>($"{kind}-aggregate"), BlockOps<T>.Aggregate<TOp>);
    }

    private static NDArray<double> Normal(object?[] args)
    {
        var block = BlockRandom.Normal((long)args[0]!, (int[])args[1]!, (int[])args[2]!);
        var mean = (double)args[3]!;
        var std = (double)args[4]!;
        if (std != 1)
        {
            block = BlockMath.Binary<MultiplyOperator<double>, double>(block, std);
        }

        return mean == 0 ? block : BlockMath.Binary<AddOperator<double>, double>(block, mean);
    }

    private static NDArray<double> Linspace(object?[] args)
    {
        var start = (double)args[0]!;
        var step = (double)args[1]!;
        var offset = (long)args[2]!;
        var result = NDArray<double>.CreateUninitialized([(int)args[3]!]);
        var num = (long)args[4]!;
        var stop = (double)args[5]!;
        var endpoint = (bool)args[6]!;
        var dest = result.Span;
        for (var i = 0; i < dest.Length; i++)
        {
            var at = offset + i;
            dest[i] = endpoint && num > 1 && at == num - 1 ? stop : (at * step) + start;
        }

        return result;
    }

    /// <summary>Registers the ops every element type has.</summary>
    private readonly struct AllTypes : IDTypeAction
    {
        public void Run<T>()
            where T : unmanaged, INumber<T> => RegisterAll<T>();
    }

    /// <summary>Registers the ops numeric element types have.</summary>
    private readonly struct NumericTypes : IDTypeAction
    {
        public void Run<T>()
            where T : unmanaged, INumber<T> => RegisterNumeric<T>();
    }

    /// <summary>Registers the ops floating-point element types have.</summary>
    private readonly struct FloatTypes : IFloatTypeAction
    {
        public void Run<T>()
            where T : unmanaged, IFloatingPointIeee754<T> => RegisterFloat<T>();
    }
}

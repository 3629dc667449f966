using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using MiniDask.Graph;
using MiniDask.Kernels;
using MiniDask.Kernels.Accelerators;

namespace MiniDask.Array;

/// <summary>
/// Registers the array block ops with <see cref="OpRegistry"/> when the assembly loads. Ops
/// over blocks are registered once per element type, named <c>array.{op}.{dtype}</c>
/// (<c>array.add.float64</c>, <c>array.sum-chunk.int32</c>, ...). The float and double steps of
/// add, subtract, multiply, divide, sum, min, max and mean are device ops (<see cref="DeviceBlockOps{T}"/>).
/// </summary>
internal static class ArrayOps
{
    /// <summary>The op that makes a random block: <c>(seed, blockIndex, blockShape)</c>.</summary>
    public const string RandomOp = "array.random";

    /// <summary>The name of block op <paramref name="op"/> for element type <typeparamref name="T"/>.</summary>
    public static string Name<T>(string op)
        where T : unmanaged, INumber<T> => $"array.{op}.{DTypes.NameOf<T>()}";

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "Ops must be registered before any task naming them runs, in every process that loads this assembly.")]
    internal static void Register()
    {
        OpRegistry.Register(RandomOp, BlockOps.Random);
        OpRegistry.MarkCheapToRecompute(RandomOp);
        Serialization.NDArrayCodec.Register();
        Serialization.BoolCodec.Register();
        Serialization.HalfCodec.Register();
        ValueRecycling.Register(BlockRecycler.Instance);
        UserOps.RegisterResolver();
        DTypeLists.ForEachNumeric(default(Registration));
        StructureOps.Register();
        ExtendedOps.Register();
        MaskingOps.Register();
        RandomBlockOps.Register();
        LinalgOps.Register();
        OverlapOps.Register();
        QuantileOps.Register();
        SetOps.Register();
        Storage.StorageOps.Register();
        UfuncOps.Register();
        ShapeOps.Register();
        IndexingOps.Register();
        ComplexOps.Register();
        FftBlocks.Register();
    }

    private static void Register<T>()
        where T : unmanaged, INumber<T>
    {
        OpRegistry.Register(Name<T>("block"), BlockOps<T>.Block);
        OpRegistry.Register(Name<T>("full"), BlockOps<T>.Full);
        OpRegistry.MarkCheapToRecompute(Name<T>("full"));
        RegisterBinary<T, AddOperator<T>>("add");
        RegisterBinary<T, SubtractOperator<T>>("subtract");
        RegisterBinary<T, MultiplyOperator<T>>("multiply");
        RegisterBinary<T, DivideOperator<T>>("divide");
        OpRegistry.Register(Name<T>("transpose"), BlockOps<T>.Transpose);
        DelayedBlockOps<T>.Register();
        RegisterReduction<T, SumOperator<T>>("sum");
        RegisterReduction<T, MaxOperator<T>>("max");
        RegisterReduction<T, MinOperator<T>>("min");
        if (DeviceBlocks.Supports<T>())
        {
            OpRegistry.RegisterDeviceOp(Name<T>("mean-aggregate"), DeviceBlockOps<T>.MeanAggregate);
        }
        else
        {
            OpRegistry.Register(Name<T>("mean-aggregate"), BlockOps<T>.MeanAggregate);
        }
    }

    /// <summary>Registers an elementwise binary op; for float and double it runs on the task's device when there is one.</summary>
    private static void RegisterBinary<T, TOp>(string kind)
        where T : unmanaged, INumber<T>
        where TOp : IBinaryOperator<T>
    {
        if (DeviceBlocks.Supports<T>())
        {
            OpRegistry.RegisterDeviceOp(Name<T>(kind), DeviceBlockOps<T>.Binary<TOp>);
        }
        else
        {
            OpRegistry.Register(Name<T>(kind), BlockOps<T>.Binary<TOp>);
        }
    }

    /// <summary>Registers a reduction's three steps; for float and double they run on the task's device when there is one.</summary>
    private static void RegisterReduction<T, TOp>(string kind)
        where T : unmanaged, INumber<T>
        where TOp : IReductionOperator<T>
    {
        if (DeviceBlocks.Supports<T>())
        {
            OpRegistry.RegisterDeviceOp(Name<T>($"{kind}-chunk"), DeviceBlockOps<T>.ReduceChunk<TOp>);
            OpRegistry.RegisterDeviceOp(Name<T>($"{kind}-combine"), DeviceBlockOps<T>.Combine<TOp>);
            OpRegistry.RegisterDeviceOp(Name<T>($"{kind}-aggregate"), DeviceBlockOps<T>.Aggregate<TOp>);
            return;
        }

        OpRegistry.Register(Name<T>($"{kind}-chunk"), BlockOps<T>.ReduceChunk<TOp>);
        OpRegistry.Register(Name<T>($"{kind}-combine"), BlockOps<T>.Combine<TOp>);
        OpRegistry.Register(Name<T>($"{kind}-aggregate"), BlockOps<T>.Aggregate<TOp>);
    }

    /// <summary>Registers the ops of each numeric element type.</summary>
    private readonly struct Registration : IDTypeAction
    {
        public void Run<T>()
            where T : unmanaged, INumber<T> => Register<T>();
    }
}

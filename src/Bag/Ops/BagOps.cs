using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using MiniDask.Graph;

namespace MiniDask.Bag;

/// <summary>Registers every bag op in <see cref="OpRegistry"/> when the assembly loads.</summary>
internal static class BagOps
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "Ops must be registered before any task runs, in every process that loads the assembly (OpRegistry.EnsureRegistered).")]
    internal static void Register()
    {
        OpRegistry.Register(OpNames.Literal, StructureOps.Literal);
        OpRegistry.Register(OpNames.Range, StructureOps.Range);
        OpRegistry.Register(OpNames.ReadText, TextOps.ReadText);

        Generic(OpNames.AsList, typeof(StructureOps), nameof(StructureOps.AsList));
        Generic(OpNames.Identity, typeof(StructureOps), nameof(StructureOps.Identity));
        Generic(OpNames.Concat, typeof(StructureOps), nameof(StructureOps.Concat));
        Generic(OpNames.Piece, typeof(StructureOps), nameof(StructureOps.Piece));
        Generic(OpNames.Empty, typeof(StructureOps), nameof(StructureOps.Empty));
        Generic(OpNames.Zip, typeof(StructureOps), nameof(StructureOps.Zip));
        Generic(OpNames.ZipWith, typeof(StructureOps), nameof(StructureOps.ZipWith));

        Generic(OpNames.Materialize, typeof(PartitionOps), nameof(PartitionOps.Materialize));
        Generic(OpNames.MapPartitions, typeof(PartitionOps), nameof(PartitionOps.MapPartitions));
        Generic(OpNames.JoinIndex, typeof(JoinOps), nameof(JoinOps.Index));

        Generic(OpNames.CountChunk, typeof(AggregateOps), nameof(AggregateOps.CountChunk));
        Generic(OpNames.CountCombine, typeof(AggregateOps), nameof(AggregateOps.CountCombine));
        Generic(OpNames.SumChunk, typeof(AggregateOps), nameof(AggregateOps.SumChunk));
        Generic(OpNames.SumCombine, typeof(AggregateOps), nameof(AggregateOps.SumCombine));
        Generic(OpNames.ExtremeChunk, typeof(AggregateOps), nameof(AggregateOps.ExtremeChunk));
        Generic(OpNames.ExtremeCombine, typeof(AggregateOps), nameof(AggregateOps.ExtremeCombine));
        Generic(OpNames.MomentsChunk, typeof(AggregateOps), nameof(AggregateOps.MomentsChunk));
        Generic(OpNames.MomentsCombine, typeof(AggregateOps), nameof(AggregateOps.MomentsCombine));
        Generic(OpNames.AnyAllChunk, typeof(AggregateOps), nameof(AggregateOps.AnyAllChunk));
        Generic(OpNames.AnyAllCombine, typeof(AggregateOps), nameof(AggregateOps.AnyAllCombine));
        Generic(OpNames.FoldChunk, typeof(AggregateOps), nameof(AggregateOps.FoldChunk));
        Generic(OpNames.FoldCombine, typeof(AggregateOps), nameof(AggregateOps.FoldCombine));
        Generic(OpNames.ReduceChunk, typeof(AggregateOps), nameof(AggregateOps.ReduceChunk));
        Generic(OpNames.ReduceCombine, typeof(AggregateOps), nameof(AggregateOps.ReduceCombine));

        Generic(OpNames.FrequenciesChunk, typeof(KeyedOps), nameof(KeyedOps.FrequenciesChunk));
        Generic(OpNames.FrequenciesCombine, typeof(KeyedOps), nameof(KeyedOps.FrequenciesCombine));
        Generic(OpNames.FrequenciesFinish, typeof(KeyedOps), nameof(KeyedOps.FrequenciesFinish));
        Generic(OpNames.TopKChunk, typeof(KeyedOps), nameof(KeyedOps.TopKChunk));
        Generic(OpNames.TopKCombine, typeof(KeyedOps), nameof(KeyedOps.TopKCombine));
        Generic(OpNames.DistinctChunk, typeof(KeyedOps), nameof(KeyedOps.DistinctChunk));
        Generic(OpNames.DistinctCombine, typeof(KeyedOps), nameof(KeyedOps.DistinctCombine));
        Generic(OpNames.FoldByChunk, typeof(KeyedOps), nameof(KeyedOps.FoldByChunk));
        Generic(OpNames.FoldByCombine, typeof(KeyedOps), nameof(KeyedOps.FoldByCombine));
        Generic(OpNames.FoldByFinish, typeof(KeyedOps), nameof(KeyedOps.FoldByFinish));

        Generic(OpNames.ShuffleHash, typeof(ShuffleOps), nameof(ShuffleOps.Hash));
        Generic(OpNames.ShuffleSplit, typeof(ShuffleOps), nameof(ShuffleOps.Split));
        Generic(OpNames.ShuffleGet, typeof(ShuffleOps), nameof(ShuffleOps.Get));
        Generic(OpNames.GroupCollect, typeof(ShuffleOps), nameof(ShuffleOps.Collect));

        Generic(OpNames.WriteText, typeof(TextOps), nameof(TextOps.WriteText));
    }

    private static void Generic(string name, Type owner, string method) => GenericOps.Register(name, owner, method);
}

using MiniDask.Kernels;
using MiniDask.Testing;

namespace MiniDask.Array.Tests.ElementTypes;

/// <summary>A LocalCluster of two single-thread worker processes for <see cref="ClusterSmallDTypeTests"/>.</summary>
public sealed class SmallDTypeCluster : LocalClusterFixture;

/// <summary>
/// Arrays of the small dtypes on a LocalCluster of worker processes: their blocks and scalars cross
/// between workers and back to the client, and their ops are registered in the workers.
/// </summary>
public sealed class ClusterSmallDTypeTests(SmallDTypeCluster cluster) : IClassFixture<SmallDTypeCluster>
{
    [Fact]
    public void SmallDTypeExpressions_OnTheCluster_EqualTheLocalResults()
    {
        var bytes = DArray.FromFunction<byte>([40, 30], [16, 13], static i => (byte)((i[0] * 31) + (i[1] * 7)));
        var signed = DArray.FromFunction<sbyte>([40, 30], [20, 10], static i => (sbyte)((i[0] * 5) - (i[1] * 3))).Rechunk([[20, 20], [10, 20]]);
        var halves = DArray.FromFunction<Half>([40, 30], [25, 30], static i => (Half)((i[0] * 0.5) - i[1]));

        DArray<short> mixed = bytes + signed;
        var wrapped = (bytes + (byte)200) * bytes;
        var scaled = halves * (Half)0.25 + 1.5;
        DArray<float> promoted = signed.AsType<short>() + halves;
        IDArray[] cases =
        [
            mixed,
            wrapped,
            wrapped.Sum(0),
            bytes.Sum<ulong>([0, 1], keepDims: true),
            scaled,
            scaled.Max(1),
            halves.Sum(0),
            promoted,
            DArray.FromArray(NDArray.FromArray(new ushort[] { 1, 65535, 40000, 7 }, 2, 2), [1, 2]) + (ushort)1,
            DArray.Full<ulong>([5], [2], ulong.MaxValue) - DArray.Ones<ulong>([5], [3]),
            (bytes > 100.0).AsType<uint>(),
        ];

        foreach (var expression in cases)
        {
            var local = expression.ComputeBlock();
            var distributed = Compute(expression);
            Assert.Equal(local.DType, distributed.DType);
            Assert.Equal(local.Shape.ToArray(), distributed.Shape.ToArray());
            Assert.True(local.AsBytes().SequenceEqual(distributed.AsBytes()), $"{expression.DType} array {expression.Name} differs between the cluster and the local scheduler");
        }
    }

    private INDArray Compute(IDArray x) => x switch
    {
        DArray<byte> b => b.Compute(cluster.Client),
        DArray<sbyte> s => s.Compute(cluster.Client),
        DArray<short> s => s.Compute(cluster.Client),
        DArray<ushort> u => u.Compute(cluster.Client),
        DArray<uint> u => u.Compute(cluster.Client),
        DArray<ulong> u => u.Compute(cluster.Client),
        DArray<Half> h => h.Compute(cluster.Client),
        DArray<float> f => f.Compute(cluster.Client),
        _ => throw new ArgumentException($"No case for {x.DType}."),
    };
}

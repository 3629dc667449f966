using MiniDask.Kernels;
using MiniDask.Testing;

namespace MiniDask.Array.Tests.Shape;

/// <summary>A LocalCluster of two single-thread worker processes for <see cref="ClusterRoutineTests"/>.</summary>
public sealed class RoutineCluster : LocalClusterFixture;

/// <summary>
/// The new routines on a LocalCluster of worker processes: their block ops register in the
/// workers (by name, from the assembly) and their literals travel, giving the local answers.
/// </summary>
public sealed class ClusterRoutineTests(RoutineCluster cluster) : IClassFixture<RoutineCluster>
{
    [Fact]
    public void ShapeUfuncAndAssignmentRoutines_OnTheCluster_EqualTheLocalResults()
    {
        var x = DArray.Arange(0.0, 42.0, 1.0, 5).Reshape(6, 7).Rechunk([[2, 4], [3, 4]]) - 20.0;
        var i = DArray.Arange(-20L, 22L, 1L, 9).Reshape(6, 7);
        DArray<double>[] cases =
        [
            x.Pad([[1, 2], [3, 0]], PadMode.Reflect),
            x.Repeat(2, axis: 1).Tril(1),
            x.Diagonal(1),
            x.Coarsen(CoarsenReduction.Mean, new Dictionary<int, int> { [0] = 3 }),
            DArray.Einsum("ij,kj->ik", x, x),
            x.Log1p().NanToNum() + x.Arctan2(x.T[..6, ..6].BroadcastTo([7, 6, 6])[0, .., ..1]).Floor(),
            x.Round(-1).IsClose(x).AsType<double>(),
            x.SetItem([Slice.Of(1, 5, 2), Slice.Of(null, 3)], x.Square()[..2, ..3]).SetItem(x > 15.0, 0.0),
            x.Vindex([5, 0, 3], [6, 6, 1]),
            (i << 3L ^ i).AsType<double>(),
            x.ApplyAlongAxis(Cumulative, 1),
        ];

        foreach (var expression in cases)
        {
            Assert.Equal(expression.Compute(TestData.Sync).Data, expression.Compute(cluster.Client).Data);
        }
    }

    private static NDArray<double> Cumulative(NDArray<double> lane)
    {
        var sum = 0.0;
        return new([.. lane.Data.Select(v => sum += v)], [lane.Length]);
    }
}

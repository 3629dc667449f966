using MiniDask.Kernels;
using static MiniDask.Array.Tests.Shape.NumPyAnswers;

namespace MiniDask.Array.Tests.Shape;

/// <summary>
/// The shape and construction routines on unevenly chunked inputs (one with a NaN) against the
/// answers NumPy wrote (Shape/Fixtures/make_fixtures.py).
/// </summary>
public class ShapeRoutineTests
{
    [Fact]
    public void Pad_EveryMode_EqualsNumPy()
    {
        Equal("pad_constant", A.Pad([[1, 2], [0, 3]], PadMode.Constant, 9.0));
        Equal("pad_edge", A.Pad([[2, 1], [3, 0]], PadMode.Edge));
        Equal("pad_reflect", A.Pad([[2, 6], [1, 7]], PadMode.Reflect));
        Equal("pad_symmetric", A.Pad([[2, 6], [1, 7]], PadMode.Symmetric));
        Equal("pad_wrap", A.Pad([[2, 5], [6, 3]], PadMode.Wrap));
        Equal("pad_v_reflect", V.Pad(9, PadMode.Reflect));
        Equal("pad_v_symmetric_wide", V.Pad([[1, 13]], PadMode.Symmetric));
        Equal("pad_v_reflect_wide", V.Pad([[11, 2]], PadMode.Reflect));
    }

    [Fact]
    public void Pad_WrapWiderThanTheAxis_RepeatsWholePeriods()
    {
        // NumPy 2's rule (np.pad([1.5, -2, 3, 0.25, 7], (7, 12), "wrap")); NumPy 1.24 differs past one period.
        var v = Load<double>("v").Data;
        double[] expected = [.. Enumerable.Range(-7, 24).Select(p => v[((p % 5) + 5) % 5])];

        Assert.Equal(expected, V.Pad([[7, 12]], PadMode.Wrap).ComputeSync().Data);
    }

    [Fact]
    public void Pad_BadWidthsOrEmptyAxis_NameTheProblem()
    {
        Assert.Contains("[before, after]", Assert.Throws<ArgumentException>(() => A.Pad([[1, -1], [0, 0]])).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => DArray.Zeros<double>([0, 2], [1, 1]).Pad(1, PadMode.Edge)).Message);
        Assert.Equal([2, 4], DArray.Zeros<double>([0, 2], [1, 1]).Pad(1).ComputeSync().Shape.ToArray());
    }

    [Fact]
    public void TileRepeatRoll_EqualNumPy()
    {
        Equal("tile_a_2_3", A.Tile(2, 3));
        Equal("tile_v_2_1_2", V.Tile(2, 1, 2));
        Equal("repeat_a_3_axis1", A.Repeat(3, axis: 1));
        Equal("repeat_b_2", B.Repeat(2));
        Equal("roll_a_2_axis0", A.Roll(2, 0));
        Equal("roll_a_m7_axis1", A.Roll(-7, 1));
        Equal("roll_b_5", B.Roll(5));
        Assert.Equal([0, 6], A.Tile(0, 1).ComputeSync().Shape.ToArray());
    }

    [Fact]
    public void Repeat_GrowsEachBlockInPlace()
    {
        var repeated = A.Repeat(3, axis: 1);

        Assert.Equal([[2, 3], [12, 3, 3]], repeated.Chunks.Select(c => c.ToArray()));
    }

    [Fact]
    public void FlipsRotationsAndAxes_EqualNumPy()
    {
        Equal("rot90_a_1", A.Rot90());
        Equal("rot90_a_2", A.Rot90(2));
        Equal("rot90_a_3", A.Rot90(-1));
        Equal("rot90_b_1_axes12", B.Rot90(1, [1, 2]));
        Equal("moveaxis_b_0_2", B.MoveAxis(0, 2));
        Equal("swapaxes_b_0_2", B.SwapAxes(0, 2));
        var a = Load<double>("a");
        var flipped = A.FlipUd().FlipLr().ComputeSync();
        Assert.Equal(a.Data.Reverse(), flipped.Data);
        Assert.Equal(a.Data, A.Flip().Flip([0, 1]).ComputeSync().Data);
        Assert.Equal(a.Data, A.Ravel().ComputeSync().Data);
        Assert.Throws<ArgumentException>(() => V.FlipLr());
    }

    [Fact]
    public void DiagonalsAndTriangles_EqualNumPy()
    {
        Equal("diag_v", V.Diag());
        Equal("diag_v_2", V.Diag(2));
        Equal("diag_v_m1", V.Diag(-1));
        Equal("diag_a_1", A.Diag(1));
        Equal("diagonal_b_0_1_2", B.Diagonal(0, 1, 2));
        Equal("diagonal_b_m1_2_0", B.Diagonal(-1, 2, 0));
        Equal("tril_a_m1", A.Tril(-1));
        Equal("triu_a_2", A.Triu(2));
        Equal("triu_b", B.Triu());
        Assert.Equal([0], A.Diagonal(10).ComputeSync().Shape.ToArray());
    }

    [Fact]
    public void DiffAndGradient_EqualNumPy()
    {
        Equal("diff_a_axis1", A.Diff(axis: 1));
        Equal("diff_a_2_axis0", A.Diff(2, axis: 0));
        Equal("diff_v_prepend", V.Diff(prepend: DArray.FromArray(new[] { 0.0 }, [1], [1]), append: DArray.FromArray(new[] { 10.0 }, [1], [1])));
        Close("gradient_m_axis0", M.Gradient(0));
        Close("gradient_m_axis1_h2", M.Gradient(1, 2.0));
        Close("gradient_i_axis1", I.Gradient(1));
        Assert.Equal([0], V.Diff(7).ComputeSync().Shape.ToArray());
        Assert.Throws<ArgumentException>(() => V[..1].Gradient(0));
    }

    [Fact]
    public void ProductsAndEinsum_EqualNumPy()
    {
        Close("kron_c_m", C.Kron(M));
        Close("kron_v_c", V.Kron(C));
        Close("outer_v_c", V.Outer(C));
        var b2 = DArray.Arange(0.0, 40.0, 1.0, 3).Reshape(2, 4, 5).Rechunk([[1, 1], [3, 1], [2, 3]]);
        Close("einsum_ij_jk", DArray.Einsum("ij,jk->ik", M.T, C));
        Close("einsum_ij_ji", DArray.Einsum("ij->ji", A));
        Close("einsum_ii", DArray.Einsum("ii", M[..4, ..4]));
        Close("einsum_ii_i", DArray.Einsum("ii->i", M[..4, ..4]));
        Close("einsum_bij_bjk", DArray.Einsum("bij,bjk->bik", B, b2));
        Close("einsum_i_i", DArray.Einsum("i,i", V, V));
        Close("einsum_i_j", DArray.Einsum("i,j", V, V[..3]));
        Close("einsum_ijk_implicit", DArray.Einsum("kji", B));
        Close("einsum_ell", DArray.Einsum("...ij,...jk->...ik", B, b2));
        Close("einsum_ell_sum", DArray.Einsum("i...->...", B));
        Close("einsum_three", DArray.Einsum("ij,jk,kl->il", M, M.T, C));
        Close("einsum_broadcast", DArray.Einsum("ij,j->ij", A, V[..1]));
        Assert.Equal(Load<double>("einsum_i_i").Data[0], V.Vdot(V).ComputeSync(), 12);
    }

    [Fact]
    public void Einsum_BadSubscripts_NameTheSubscripts()
    {
        Assert.Contains("'ij,jk->ik'", Assert.Throws<ArgumentException>(() => DArray.Einsum("ij,jk->ik", M)).Message);
        Assert.Contains("sizes", Assert.Throws<ArgumentException>(() => DArray.Einsum("ij,jk->ik", M, M)).Message);
        Assert.Contains("not in any operand", Assert.Throws<ArgumentException>(() => DArray.Einsum("ij->iz", M)).Message);
        Assert.Contains("labels", Assert.Throws<ArgumentException>(() => DArray.Einsum("ijk->i", M)).Message);
    }

    [Fact]
    public void StackingAndBlock_EqualNumPy()
    {
        Equal("hstack", DArray.HStack([A, A[.., ..2]]));
        Equal("hstack_1d", DArray.HStack([V, V[..2]]));
        Equal("vstack", DArray.VStack([V, V * 2.0]));
        Equal("dstack", DArray.DStack([M, M + 1.0]));
        Equal("block", DArray.Block<double>([[M, C[..4, ..2]], [V[Slice.NewAxis, ..], DArray.Zeros<double>([1, 2], [1, 1])]]));
        Assert.Equal([1, 5, 1], V.AtLeast3d().Shape.ToArray());
        Assert.Equal([1, 5], V.AtLeast2d().Shape.ToArray());
        Assert.Equal([1], DArray.Scalar(2.0).AtLeast1d().Shape.ToArray());
    }

    [Fact]
    public void ConstructionHelpers_EqualNumPy()
    {
        var grids = DArray.Meshgrid([V, V[..3]]);
        Equal("meshgrid_xy_0", grids[0]);
        Equal("meshgrid_xy_1", grids[1]);
        Equal("meshgrid_ij_0", DArray.Meshgrid([V, V[..3]], "ij")[0]);
        Equal("indices_3_4", DArray.Indices([3, 4], [2, 3]));
        Equal("coarsen_sum", A[..4, ..].Coarsen(CoarsenReduction.Sum, new Dictionary<int, int> { [0] = 2, [1] = 3 }));
        Equal("coarsen_sum", A.Coarsen(CoarsenReduction.Sum, new Dictionary<int, int> { [0] = 2, [1] = 3 }, trimExcess: true));
        Assert.Contains("trimExcess", Assert.Throws<ArgumentException>(() => A.Coarsen(CoarsenReduction.Sum, new Dictionary<int, int> { [0] = 2 })).Message);
        var b = B.BroadcastTo([3, 2, 3, 4], [2, 0, 0, 0]);
        Assert.Equal([[2, 1], [1, 1], [2, 1], [3, 1]], b.Chunks.Select(c => c.ToArray()));
        Assert.Equal(Enumerable.Repeat(Load<double>("b").Data, 3).SelectMany(d => d), b.ComputeSync().Data);
        Assert.Throws<ArgumentException>(() => B.BroadcastTo([2, 3, 5]));
        Assert.Equal(Enumerable.Repeat(7.0, 30), A.FullLike(7.0).ComputeSync().Data);
        Assert.Equal(A.Chunks.Select(c => c.ToArray()), A.OnesLike().Chunks.Select(c => c.ToArray()));
        Assert.All(A.ZerosLike().ComputeSync().Data, v => Assert.Equal(0, v));
    }

    [Fact]
    public void ChooseSelectPiecewise_EqualNumPy()
    {
        var index = DArray.FromArray(new long[] { 0, 1, 2, 2, 1, 0 }, [2, 3], [1, 2]);
        var choices = new[]
        {
            DArray.Full<double>([2, 3], [2, 2], 10.0),
            DArray.Arange(0.0, 6.0, 1.0, 4).Reshape(2, 3),
            DArray.FromArray(new[] { -1.0, -2, -3 }, [3], [2]),
        };
        Equal("choose", DArray.Choose(index, choices));
        Equal("select", DArray.Select([V > 2.0, V < 0.0], [V * 10.0, V * 100.0], -1.0));
        var pieces = V.Piecewise([V > 2.0, V < 0.0], [x => x * 10.0, x => x * 100.0], x => x.FullLike(-1.0));
        Equal("select", pieces);
        var bad = DArray.Choose(DArray.FromArray(new long[] { 3 }, [1], [1]), choices);
        Assert.Contains("index 3", Assert.ThrowsAny<Exception>(() => bad.ComputeSync()).ToString());
    }

    [Fact]
    public void ApplyAlongAxis_ScalarAndVectorResults_AsNumPy()
    {
        var a = Load<double>("m");
        var sums = M.ApplyAlongAxis(LaneSum, 1).ComputeSync();
        var sorted = M.ApplyAlongAxis(LaneSortedFirstTwo, 0).ComputeSync();

        Assert.Equal([4], sums.Shape.ToArray());
        Assert.Equal(Enumerable.Range(0, 4).Select(r => Enumerable.Range(0, 5).Sum(c => a[r, c])), sums.Data);
        Assert.Equal([2, 5], sorted.Shape.ToArray());
        for (var c = 0; c < 5; c++)
        {
            var column = Enumerable.Range(0, 4).Select(r => a[r, c]).Order().ToArray();
            Assert.Equal(column[0], sorted[0, c]);
            Assert.Equal(column[1], sorted[1, c]);
        }
    }

    [Fact]
    public void SingleElementInputs_AsNumPy()
    {
        var one = DArray.FromArray(new[] { 4.0 }, [1], [1]);

        // np.pad([4.], 2, "reflect"), np.roll, np.repeat, np.tile, np.diag, np.einsum("i,i"), np.kron.
        Assert.Equal([4.0, 4, 4, 4, 4], one.Pad(2, PadMode.Reflect).ComputeSync().Data);
        Assert.Equal([4.0], one.Roll(3).Flip().ComputeSync().Data);
        Assert.Equal([4.0, 4, 4], one.Repeat(3).ComputeSync().Data);
        Assert.Equal([4.0, 4], one.Tile(2).ComputeSync().Data);
        Assert.Equal([1, 1], one.Diag().ComputeSync().Shape.ToArray());
        Assert.Equal(16.0, DArray.Einsum("i,i", one, one).ComputeSync().ToScalar());
        Assert.Equal([8.0, 12], one.Kron(DArray.FromArray(new[] { 2.0, 3 }, [2], [1])).ComputeSync().Data);
        Assert.Equal([9.0], one.SetItem([0], 9.0).ComputeSync().Data);
        Assert.Equal([4.0], one.Vindex([-1]).ComputeSync().Data);
        Assert.Empty(one.Diff().ComputeSync().Data);
    }

    [Fact]
    public void EmptyInputs_KeepNumPysShapes()
    {
        var empty = DArray.Zeros<double>([0, 3], [1, 2]);

        Assert.Equal([0, 3], empty.Flip().Roll(2, 1).Tril().ComputeSync().Shape.ToArray());
        Assert.Equal([0, 6], empty.Repeat(2, axis: 1).ComputeSync().Shape.ToArray());
        Assert.Equal([0], empty.Ravel().ComputeSync().Shape.ToArray());
        Assert.Equal([0.0, 0, 0], DArray.Einsum("ij->j", empty).ComputeSync().Data);
        Assert.Equal([0, 5], empty.Outer(V).ComputeSync().Shape.ToArray());
        Assert.Equal([2, 0, 3], empty.BroadcastTo([2, 0, 3]).ComputeSync().Shape.ToArray());
        Assert.Equal([2, 3], empty.Pad([[1, 1], [0, 0]], PadMode.Constant, 1.0).ComputeSync().Shape.ToArray());
        Assert.Same(empty, empty.SetItem([Slice.All, 1], 5.0));
    }

    private static NDArray<double> LaneSum(NDArray<double> lane) => NDArray<double>.Scalar(lane.Data.Sum());

    private static NDArray<double> LaneSortedFirstTwo(NDArray<double> lane) => new([.. lane.Data.Order().Take(2)], [2]);
}

namespace MiniDask.Kernels.Accelerators;

/// <summary>
/// How a reduction over some axes of a row-major block walks its elements: output element
/// <c>o</c> is the kept axes' index, decomposed over <see cref="KeptShape"/> and placed by
/// <see cref="KeptStrides"/>; the elements it reduces are the reduced axes' indices, decomposed
/// over <see cref="ReducedShape"/> and placed by <see cref="ReducedStrides"/>, in row-major order.
/// </summary>
public sealed class ReductionPlan
{
    private ReductionPlan(int[] axes, int[] keptShape, int[] keptStrides, int[] reducedShape, int[] reducedStrides)
    {
        Axes = axes;
        KeptShape = keptShape;
        KeptStrides = keptStrides;
        ReducedShape = reducedShape;
        ReducedStrides = reducedStrides;
        Outputs = Shapes.ElementCount(keptShape);
        Reduced = Shapes.ElementCount(reducedShape);
    }

    /// <summary>The reduced axes, normalized and ascending.</summary>
    public int[] Axes { get; }

    /// <summary>The sizes of the axes that are kept, outermost first.</summary>
    public int[] KeptShape { get; }

    /// <summary>The input strides (in elements) of the kept axes.</summary>
    public int[] KeptStrides { get; }

    /// <summary>The sizes of the axes that are reduced, outermost first.</summary>
    public int[] ReducedShape { get; }

    /// <summary>The input strides (in elements) of the reduced axes.</summary>
    public int[] ReducedStrides { get; }

    /// <summary>The number of output elements.</summary>
    public int Outputs { get; }

    /// <summary>The number of input elements each output element reduces.</summary>
    public int Reduced { get; }

    /// <summary>Whether every axis is reduced, so that the elements are one contiguous run.</summary>
    public bool IsAll => KeptShape.Length == 0;

    /// <summary>The plan for reducing <paramref name="axes"/> (every axis when null) of a block of <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="ArgumentException">An axis repeats.</exception>
    public static ReductionPlan Create(ReadOnlySpan<int> shape, int[]? axes)
    {
        var rank = shape.Length;
        var reduced = new bool[rank];
        if (axes is null)
        {
            reduced.AsSpan().Fill(true);
        }
        else
        {
            foreach (var axis in axes)
            {
                var a = Shapes.NormalizeAxis(axis, rank);
                if (reduced[a])
                {
                    throw new ArgumentException($"Axis {axis} is repeated in the reduction axes [{string.Join(", ", axes)}].", nameof(axes));
                }

                reduced[a] = true;
            }
        }

        var strides = Shapes.RowMajorStrides(shape);
        List<int> reducedAxes = [], keptShape = [], keptStrides = [], reducedShape = [], reducedStrides = [];
        for (var a = 0; a < rank; a++)
        {
            if (reduced[a])
            {
                reducedAxes.Add(a);
            }

            (reduced[a] ? reducedShape : keptShape).Add(shape[a]);
            (reduced[a] ? reducedStrides : keptStrides).Add(strides[a]);
        }

        return new ReductionPlan([.. reducedAxes], [.. keptShape], [.. keptStrides], [.. reducedShape], [.. reducedStrides]);
    }

    /// <summary>The input offset of element <paramref name="r"/> (row-major over the reduced axes) of output <paramref name="o"/>.</summary>
    public int Offset(int o, int r) => Place(o, KeptShape, KeptStrides) + Place(r, ReducedShape, ReducedStrides);

    private static int Place(int index, int[] shape, int[] strides)
    {
        var offset = 0;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            offset += index % shape[d] * strides[d];
            index /= shape[d];
        }

        return offset;
    }
}

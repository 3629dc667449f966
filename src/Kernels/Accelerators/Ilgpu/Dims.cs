namespace MiniDask.Kernels.Accelerators.Ilgpu;

/// <summary>Up to <see cref="MaxRank"/> integers (sizes or strides of axes) as a value a kernel can take.</summary>
internal struct Dims
{
    /// <summary>The most axes a device block may have.</summary>
    public const int MaxRank = 8;

    public int D0;
    public int D1;
    public int D2;
    public int D3;
    public int D4;
    public int D5;
    public int D6;
    public int D7;

    public readonly int this[int i] => i switch
    {
        0 => D0,
        1 => D1,
        2 => D2,
        3 => D3,
        4 => D4,
        5 => D5,
        6 => D6,
        _ => D7,
    };

    public static Dims From(ReadOnlySpan<int> values)
    {
        if (values.Length > MaxRank)
        {
            throw new NotSupportedException($"Device kernels take blocks of at most {MaxRank} axes; got {values.Length}.");
        }

        var dims = default(Dims);
        for (var i = 0; i < values.Length; i++)
        {
            dims.Set(i, values[i]);
        }

        return dims;
    }

    /// <summary>The offset of row-major <paramref name="index"/> over the <paramref name="rank"/> axes of <paramref name="shape"/> placed by these strides.</summary>
    public readonly int Place(int index, int rank, Dims shape)
    {
        var offset = 0;
        for (var d = rank - 1; d >= 0; d--)
        {
            var size = shape[d];
            offset += index % size * this[d];
            index /= size;
        }

        return offset;
    }

    private void Set(int i, int value)
    {
        switch (i)
        {
            case 0: D0 = value; break;
            case 1: D1 = value; break;
            case 2: D2 = value; break;
            case 3: D3 = value; break;
            case 4: D4 = value; break;
            case 5: D5 = value; break;
            case 6: D6 = value; break;
            default: D7 = value; break;
        }
    }
}

/// <summary>
/// Where each element of a broadcast result reads its (up to three) operands: the result's shape
/// and, per operand, its strides aligned to the result's axes from the right, zero on the axes it
/// is broadcast along (NumPy's rule).
/// </summary>
internal readonly struct BroadcastMap
{
    public readonly int Rank;
    public readonly Dims Shape;
    public readonly Dims A;
    public readonly Dims B;
    public readonly Dims C;

    private BroadcastMap(int rank, Dims shape, Dims a, Dims b, Dims c)
    {
        Rank = rank;
        Shape = shape;
        A = a;
        B = b;
        C = c;
    }

    public static BroadcastMap Create(ReadOnlySpan<int> result, ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<int> c) =>
        new(result.Length, Dims.From(result), Strides(result, a), Strides(result, b), Strides(result, c));

    public int OffsetA(int index) => A.Place(index, Rank, Shape);

    public int OffsetB(int index) => B.Place(index, Rank, Shape);

    public int OffsetC(int index) => C.Place(index, Rank, Shape);

    private static Dims Strides(ReadOnlySpan<int> result, ReadOnlySpan<int> operand)
    {
        var own = Shapes.RowMajorStrides(operand);
        var aligned = new int[result.Length];
        for (var d = 0; d < operand.Length; d++)
        {
            var axis = result.Length - operand.Length + d;
            aligned[axis] = operand[d] == 1 ? 0 : own[d];
        }

        return Dims.From(aligned);
    }
}

/// <summary>A <see cref="ReductionPlan"/> as a value a kernel can take.</summary>
internal readonly struct ReduceMap
{
    public readonly int KeptRank;
    public readonly Dims KeptShape;
    public readonly Dims KeptStrides;
    public readonly int ReducedRank;
    public readonly Dims ReducedShape;
    public readonly Dims ReducedStrides;
    public readonly int Reduced;

    public ReduceMap(ReductionPlan plan)
    {
        KeptRank = plan.KeptShape.Length;
        KeptShape = Dims.From(plan.KeptShape);
        KeptStrides = Dims.From(plan.KeptStrides);
        ReducedRank = plan.ReducedShape.Length;
        ReducedShape = Dims.From(plan.ReducedShape);
        ReducedStrides = Dims.From(plan.ReducedStrides);
        Reduced = plan.Reduced;
    }

    public int Base(int output) => KeptStrides.Place(output, KeptRank, KeptShape);

    public int Step(int reduced) => ReducedStrides.Place(reduced, ReducedRank, ReducedShape);
}

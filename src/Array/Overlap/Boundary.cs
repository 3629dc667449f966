namespace MiniDask.Array;

/// <summary>How <see cref="DArray{TElement}.Overlap(int, Boundary?)"/> extends an array past its outer edges (Dask's <c>boundary</c>).</summary>
public enum BoundaryKind
{
    /// <summary>No extension: the outer blocks get no margin on the array's edge side (Dask's <c>'none'</c>).</summary>
    None,

    /// <summary>The array mirrored at its edge, the edge element repeated (Dask's <c>'reflect'</c>, NumPy's <c>pad(mode='symmetric')</c>).</summary>
    Reflect,

    /// <summary>The array wrapped around: past the end comes the start (Dask's <c>'periodic'</c>).</summary>
    Periodic,

    /// <summary>The edge element repeated (Dask's <c>'nearest'</c>).</summary>
    Nearest,

    /// <summary>A constant value (Dask's numeric <c>boundary</c>).</summary>
    Constant,
}

/// <summary>
/// A boundary condition for overlapping blocks: what lies past the array's outer edges
/// (Dask's <c>boundary</c> argument of <c>overlap</c> and <c>map_overlap</c>).
/// </summary>
/// <param name="Kind">The kind of extension.</param>
/// <param name="Value">The value past the edges for <see cref="BoundaryKind.Constant"/>; ignored otherwise.</param>
public readonly record struct Boundary(BoundaryKind Kind, double Value = 0)
{
    /// <summary>No extension past the edges (the default, as in Dask).</summary>
    public static Boundary None => new(BoundaryKind.None);

    /// <summary>The array mirrored at its edges, edge element included.</summary>
    public static Boundary Reflect => new(BoundaryKind.Reflect);

    /// <summary>The array wrapped around.</summary>
    public static Boundary Periodic => new(BoundaryKind.Periodic);

    /// <summary>The edge element repeated.</summary>
    public static Boundary Nearest => new(BoundaryKind.Nearest);

    /// <summary><paramref name="value"/> past the edges (converted to the element type).</summary>
    public static Boundary Constant(double value) => new(BoundaryKind.Constant, value);

    /// <summary>The Dask spelling: <c>none</c>, <c>reflect</c>, <c>periodic</c>, <c>nearest</c>, or the constant.</summary>
    public override string ToString() => Kind == BoundaryKind.Constant
        ? Value.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : Kind.ToString().ToLowerInvariant();
}

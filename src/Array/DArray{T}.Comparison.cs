using MiniDask.Kernels;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>Elementwise <c>x == y</c> with broadcasting, as a boolean array (NumPy's <c>equal</c>; NaN equals nothing).</summary>
    /// <remarks>A method rather than <c>==</c>, which C# reserves for reference equality of the array objects.</remarks>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public DArray<Bool> Eq(DArray<TElement> other) => Compare("equal", this, other);

    /// <summary>Elementwise <c>x == value</c>, as a boolean array.</summary>
    public DArray<Bool> Eq(TElement value) => Compare("equal", this, value, scalarFirst: false);

    /// <summary>Elementwise <c>x != y</c> with broadcasting, as a boolean array (NumPy's <c>not_equal</c>; true where either is NaN).</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public DArray<Bool> Ne(DArray<TElement> other) => Compare("not_equal", this, other);

    /// <summary>Elementwise <c>x != value</c>, as a boolean array.</summary>
    public DArray<Bool> Ne(TElement value) => Compare("not_equal", this, value, scalarFirst: false);

    /// <summary>Elementwise <c>x &lt; y</c> with broadcasting, as a boolean array (NumPy's <c>less</c>).</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public DArray<Bool> Less(DArray<TElement> other) => Compare("less", this, other);

    /// <summary>Elementwise <c>x &lt; value</c>, as a boolean array.</summary>
    public DArray<Bool> Less(TElement value) => Compare("less", this, value, scalarFirst: false);

    /// <summary>Elementwise <c>x &lt;= y</c> with broadcasting, as a boolean array (NumPy's <c>less_equal</c>).</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public DArray<Bool> LessEqual(DArray<TElement> other) => Compare("less_equal", this, other);

    /// <summary>Elementwise <c>x &lt;= value</c>, as a boolean array.</summary>
    public DArray<Bool> LessEqual(TElement value) => Compare("less_equal", this, value, scalarFirst: false);

    /// <summary>Elementwise <c>x &gt; y</c> with broadcasting, as a boolean array (NumPy's <c>greater</c>).</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public DArray<Bool> Greater(DArray<TElement> other) => Compare("greater", this, other);

    /// <summary>Elementwise <c>x &gt; value</c>, as a boolean array.</summary>
    public DArray<Bool> Greater(TElement value) => Compare("greater", this, value, scalarFirst: false);

    /// <summary>Elementwise <c>x &gt;= y</c> with broadcasting, as a boolean array (NumPy's <c>greater_equal</c>).</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public DArray<Bool> GreaterEqual(DArray<TElement> other) => Compare("greater_equal", this, other);

    /// <summary>Elementwise <c>x &gt;= value</c>, as a boolean array.</summary>
    public DArray<Bool> GreaterEqual(TElement value) => Compare("greater_equal", this, value, scalarFirst: false);

    /// <summary>Elementwise <c>x &lt; y</c>; see <see cref="Less(DArray{TElement})"/>.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<Bool> operator <(DArray<TElement> x, DArray<TElement> y) => Compare("less", x, y);

    /// <summary>Elementwise <c>x &gt; y</c>; see <see cref="Greater(DArray{TElement})"/>.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<Bool> operator >(DArray<TElement> x, DArray<TElement> y) => Compare("greater", x, y);

    /// <summary>Elementwise <c>x &lt;= y</c>; see <see cref="LessEqual(DArray{TElement})"/>.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<Bool> operator <=(DArray<TElement> x, DArray<TElement> y) => Compare("less_equal", x, y);

    /// <summary>Elementwise <c>x &gt;= y</c>; see <see cref="GreaterEqual(DArray{TElement})"/>.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<Bool> operator >=(DArray<TElement> x, DArray<TElement> y) => Compare("greater_equal", x, y);

    /// <summary>Elementwise <c>x &lt; y</c> against a scalar.</summary>
    public static DArray<Bool> operator <(DArray<TElement> x, TElement y) => Compare("less", x, y, scalarFirst: false);

    /// <summary>Elementwise <c>x &gt; y</c> against a scalar.</summary>
    public static DArray<Bool> operator >(DArray<TElement> x, TElement y) => Compare("greater", x, y, scalarFirst: false);

    /// <summary>Elementwise <c>x &lt;= y</c> against a scalar.</summary>
    public static DArray<Bool> operator <=(DArray<TElement> x, TElement y) => Compare("less_equal", x, y, scalarFirst: false);

    /// <summary>Elementwise <c>x &gt;= y</c> against a scalar.</summary>
    public static DArray<Bool> operator >=(DArray<TElement> x, TElement y) => Compare("greater_equal", x, y, scalarFirst: false);

    /// <summary>Elementwise <c>x &lt; y</c> for a scalar <paramref name="x"/>.</summary>
    public static DArray<Bool> operator <(TElement x, DArray<TElement> y) => Compare("less", y, x, scalarFirst: true);

    /// <summary>Elementwise <c>x &gt; y</c> for a scalar <paramref name="x"/>.</summary>
    public static DArray<Bool> operator >(TElement x, DArray<TElement> y) => Compare("greater", y, x, scalarFirst: true);

    /// <summary>Elementwise <c>x &lt;= y</c> for a scalar <paramref name="x"/>.</summary>
    public static DArray<Bool> operator <=(TElement x, DArray<TElement> y) => Compare("less_equal", y, x, scalarFirst: true);

    /// <summary>Elementwise <c>x &gt;= y</c> for a scalar <paramref name="x"/>.</summary>
    public static DArray<Bool> operator >=(TElement x, DArray<TElement> y) => Compare("greater_equal", y, x, scalarFirst: true);

    private static DArray<Bool> Compare(string op, DArray<TElement> x, DArray<TElement> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return DArray<Bool>.FromNode(ElementwiseLayer.Map(op, ArrayOps.Name<TElement>(op), "bool", [x.Node, y.Node]));
    }

    private static DArray<Bool> Compare(string op, DArray<TElement> x, TElement scalar, bool scalarFirst)
    {
        ArgumentNullException.ThrowIfNull(x);
        return DArray<Bool>.FromNode(ElementwiseLayer.WithScalar(op, ArrayOps.Name<TElement>(op), "bool", x.Node, scalar, scalarFirst));
    }
}

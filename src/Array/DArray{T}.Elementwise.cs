using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public sealed partial class DArray<TElement>
{
    /// <summary>Elementwise sum with NumPy broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<TElement> operator +(DArray<TElement> x, DArray<TElement> y) => Elementwise("add", x, y);

    /// <summary>Elementwise difference with NumPy broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<TElement> operator -(DArray<TElement> x, DArray<TElement> y) => Elementwise("subtract", x, y);

    /// <summary>Elementwise product with NumPy broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<TElement> operator *(DArray<TElement> x, DArray<TElement> y) => Elementwise("multiply", x, y);

    /// <summary>Elementwise quotient with NumPy broadcasting.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<TElement> operator /(DArray<TElement> x, DArray<TElement> y) => Elementwise("divide", x, y);

    /// <summary>Adds <paramref name="y"/> to every element.</summary>
    public static DArray<TElement> operator +(DArray<TElement> x, TElement y) => WithScalar("add", x, y, scalarFirst: false);

    /// <summary>Adds <paramref name="x"/> to every element.</summary>
    public static DArray<TElement> operator +(TElement x, DArray<TElement> y) => WithScalar("add", y, x, scalarFirst: true);

    /// <summary>Subtracts <paramref name="y"/> from every element.</summary>
    public static DArray<TElement> operator -(DArray<TElement> x, TElement y) => WithScalar("subtract", x, y, scalarFirst: false);

    /// <summary>Subtracts every element from <paramref name="x"/>.</summary>
    public static DArray<TElement> operator -(TElement x, DArray<TElement> y) => WithScalar("subtract", y, x, scalarFirst: true);

    /// <summary>Multiplies every element by <paramref name="y"/>.</summary>
    public static DArray<TElement> operator *(DArray<TElement> x, TElement y) => WithScalar("multiply", x, y, scalarFirst: false);

    /// <summary>Multiplies every element by <paramref name="x"/>.</summary>
    public static DArray<TElement> operator *(TElement x, DArray<TElement> y) => WithScalar("multiply", y, x, scalarFirst: true);

    /// <summary>Divides every element by <paramref name="y"/>.</summary>
    public static DArray<TElement> operator /(DArray<TElement> x, TElement y) => WithScalar("divide", x, y, scalarFirst: false);

    /// <summary>Divides <paramref name="x"/> by every element.</summary>
    public static DArray<TElement> operator /(TElement x, DArray<TElement> y) => WithScalar("divide", y, x, scalarFirst: true);

    /// <summary>Elementwise negation (NumPy's <c>negative</c>).</summary>
    /// <exception cref="NotSupportedException">The elements are booleans.</exception>
    public static DArray<TElement> operator -(DArray<TElement> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.Negative();
    }

    private static DArray<TElement> Elementwise(string op, DArray<TElement> x, DArray<TElement> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        op = DArray.BoolOp(op, x.DType);
        return FromNode(ElementwiseLayer.Map(op, ArrayOps.Name<TElement>(op), x.DType, [x.Node, y.Node]));
    }

    private static DArray<TElement> WithScalar(string op, DArray<TElement> x, TElement scalar, bool scalarFirst)
    {
        ArgumentNullException.ThrowIfNull(x);
        op = DArray.BoolOp(op, x.DType);
        return FromNode(ElementwiseLayer.WithScalar(op, ArrayOps.Name<TElement>(op), x.DType, x.Node, scalar, scalarFirst));
    }
}

using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// NumPy's type promotion for operands of different element types: <c>bool</c> is the
/// smallest; <c>int32</c> with <c>int64</c> gives <c>int64</c>; <c>float32</c> with
/// <c>float64</c> gives <c>float64</c>; any integer with any float gives <c>float64</c>
/// (as NumPy promotes <c>float32 + int32</c> to <c>float64</c>); anything with <c>complex128</c>
/// gives <c>complex128</c>.
/// </summary>
public static partial class DArray
{
    /// <summary>The dtype NumPy gives an arithmetic result of <paramref name="x"/> and <paramref name="y"/> (NumPy's <c>result_type</c>).</summary>
    /// <exception cref="NotSupportedException">A name is not a supported dtype.</exception>
    public static string ResultType(string x, string y)
    {
        var (a, b) = (Rank(x), Rank(y));
        if (a.Kind == b.Kind)
        {
            return a.Size >= b.Size ? x : y;
        }

        if (a.Kind == 0 || b.Kind == 0)
        {
            return a.Kind == 0 ? y : x;
        }

        if (a.Kind == 3 || b.Kind == 3)
        {
            return "complex128";
        }

        return "float64";
    }

    /// <summary>The element type NumPy gives an arithmetic result of <typeparamref name="TX"/> and <typeparamref name="TY"/>.</summary>
    /// <exception cref="NotSupportedException">A type is not a supported element type.</exception>
    public static Type ResultType<TX, TY>()
        where TX : unmanaged, INumber<TX>
        where TY : unmanaged, INumber<TY> => DTypes.TypeOf(ResultType(DTypes.NameOf<TX>(), DTypes.NameOf<TY>()));

    /// <summary>Elementwise sum of arrays of any element types, as NumPy's promoted type.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static IDArray Add(IDArray x, IDArray y) => Promoted("add", x, y);

    /// <summary>Elementwise difference of arrays of any element types, as NumPy's promoted type.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static IDArray Subtract(IDArray x, IDArray y) => Promoted("subtract", x, y);

    /// <summary>Elementwise product of arrays of any element types, as NumPy's promoted type.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static IDArray Multiply(IDArray x, IDArray y) => Promoted("multiply", x, y);

    /// <summary>Elementwise quotient of arrays of any element types, as NumPy's promoted type.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static IDArray Divide(IDArray x, IDArray y) => Promoted("divide", x, y);

    /// <summary>Elementwise larger of arrays of any element types, as NumPy's promoted type.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static IDArray Maximum(IDArray x, IDArray y) => Promoted("maximum", x, y);

    /// <summary>Elementwise smaller of arrays of any element types, as NumPy's promoted type.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static IDArray Minimum(IDArray x, IDArray y) => Promoted("minimum", x, y);

    /// <summary><paramref name="op"/> on both operands converted to <typeparamref name="TOut"/>.</summary>
    internal static DArray<TOut> Promoted<TOut>(string op, IDArray x, IDArray y)
        where TOut : unmanaged, INumber<TOut>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var dtype = DTypes.NameOf<TOut>();
        op = BoolOp(op, dtype);
        return DArray<TOut>.FromNode(ElementwiseLayer.Map(op, ArrayNode.Op(op, dtype), dtype, [x.AsType<TOut>().Node, y.AsType<TOut>().Node]));
    }

    /// <summary>The op NumPy runs for <paramref name="op"/> on booleans: add is or, multiply is and; the rest are refused.</summary>
    /// <exception cref="NotSupportedException"><paramref name="op"/> has no boolean form.</exception>
    internal static string BoolOp(string op, string dtype) => dtype != "bool" ? op : op switch
    {
        "add" or "maximum" => "logical_or",
        "multiply" or "minimum" => "logical_and",
        _ => throw new NotSupportedException($"NumPy's {op} does not take booleans; convert with AsType<int>() or AsType<double>() first."),
    };

    private static IDArray Promoted(string op, IDArray x, IDArray y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return DTypeLists.Dispatch<PromotedTo, IDArray>(ResultType(x.DType, y.DType), new PromotedTo(op, x, y));
    }

    private static DArray<T> FloatUnary<T>(DArray<T> x, string op)
        where T : unmanaged, INumber<T> => Ufunc(x, op);

    /// <summary>Kind (0 bool, 1 integer, 2 float, 3 complex) and size of a dtype, for promotion.</summary>
    private static (int Kind, int Size) Rank(string dtype) => dtype switch
    {
        "bool" => (0, 1),
        "int32" => (1, 4),
        "int64" => (1, 8),
        "float32" => (2, 4),
        "float64" => (2, 8),
        "complex128" => (3, 16),
        _ => throw new NotSupportedException($"Unknown dtype '{dtype}'; expected bool, int32, int64, float32, float64 or complex128."),
    };

    /// <summary>An op on both operands converted to the element type the dispatch picks.</summary>
    private readonly struct PromotedTo(string op, IDArray x, IDArray y) : IDTypeFunction<IDArray>
    {
        public IDArray Run<T>()
            where T : unmanaged, INumber<T> => Promoted<T>(op, x, y);
    }
}

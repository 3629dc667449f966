using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// NumPy's type promotion for operands of different element types (<see cref="DTypes.Promote"/>):
/// <c>bool</c> is the smallest; within a kind the larger type wins; a signed and an unsigned
/// integer give the smallest signed integer holding both (<c>uint8 + int8</c> is <c>int16</c>,
/// <c>uint64 + int64</c> is <c>float64</c>); an integer and a float give a float large enough
/// for both (<c>uint8 + float16</c> is <c>float16</c>, <c>int16 + float16</c> is <c>float32</c>,
/// <c>int32 + float32</c> is <c>float64</c>); anything with <c>complex128</c>
/// gives <c>complex128</c>.
/// </summary>
public static partial class DArray
{
    /// <summary>The dtype NumPy gives an arithmetic result of <paramref name="x"/> and <paramref name="y"/> (NumPy's <c>result_type</c>).</summary>
    /// <exception cref="NotSupportedException">A name is not a supported dtype.</exception>
    public static string ResultType(string x, string y) => DTypes.Promote(x, y);

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

    /// <summary>An op on both operands converted to the element type the dispatch picks.</summary>
    private readonly struct PromotedTo(string op, IDArray x, IDArray y) : IDTypeFunction<IDArray>
    {
        public IDArray Run<T>()
            where T : unmanaged, INumber<T> => Promoted<T>(op, x, y);
    }
}

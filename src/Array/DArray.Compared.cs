using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array;

public static partial class DArray
{
    /// <summary>Where the elements of <paramref name="x"/> and <paramref name="y"/>, of any element types, are equal in the promoted type.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<Bool> Equal(IDArray x, IDArray y) => Compared("equal", x, y);

    /// <summary>Where the elements of <paramref name="x"/> and <paramref name="y"/>, of any element types, differ in the promoted type.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    public static DArray<Bool> NotEqual(IDArray x, IDArray y) => Compared("not_equal", x, y);

    /// <summary><paramref name="op"/> on both operands converted to NumPy's promoted type.</summary>
    private static DArray<Bool> Compared(string op, IDArray x, IDArray y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return DTypeLists.Dispatch<ComparedIn, DArray<Bool>>(ResultType(x.DType, y.DType), new ComparedIn(op, x, y));
    }

    private static DArray<Bool> Compared<T>(string op, DArray<T> x, DArray<T> y)
        where T : unmanaged, INumber<T> => op switch
        {
            "less" => x < y,
            "greater" => x > y,
            "less_equal" => x <= y,
            "greater_equal" => x >= y,
            "equal" => x.Eq(y),
            _ => x.Ne(y),
        };

    /// <summary>A Python-float-like scalar for <paramref name="x"/>: the array's type for a float16 or float32 array (NumPy's weak scalar), else float64.</summary>
    private static IDArray WeakScalar(IDArray x, double value) => x.DType switch
    {
        "float32" => Scalar((float)value),
        "float16" => Scalar((Half)value),
        _ => Scalar(value),
    };

    /// <summary>A comparison made in the element type the dispatch picks.</summary>
    private readonly struct ComparedIn(string op, IDArray x, IDArray y) : IDTypeFunction<DArray<Bool>>
    {
        public DArray<Bool> Run<T>()
            where T : unmanaged, INumber<T> => Compared(op, x.AsType<T>(), y.AsType<T>());
    }
}

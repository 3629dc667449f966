using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Arithmetic between an array of another element type and a <see cref="double"/> scalar,
/// typed as NumPy types it for a Python float: a bool, int32 or int64 array gives float64
/// (<c>ints + 2.5</c>), and a float32 array stays float32 (the scalar is rounded to float32,
/// as NumPy's weak scalars are). Operators with a scalar of the array's own type are declared
/// on <see cref="DArray{TElement}"/>, and those win where both apply.
/// </summary>
public static partial class DArray
{
    extension<T>(DArray<T>)
        where T : unmanaged, INumber<T>
    {
        /// <summary>The sum of each element and <paramref name="y"/>, in float64.</summary>
        public static DArray<double> operator +(DArray<T> x, double y) => x.AsType<double>() + y;

        /// <summary>The sum of <paramref name="x"/> and each element, in float64.</summary>
        public static DArray<double> operator +(double x, DArray<T> y) => x + y.AsType<double>();

        /// <summary>Each element minus <paramref name="y"/>, in float64.</summary>
        public static DArray<double> operator -(DArray<T> x, double y) => x.AsType<double>() - y;

        /// <summary><paramref name="x"/> minus each element, in float64.</summary>
        public static DArray<double> operator -(double x, DArray<T> y) => x - y.AsType<double>();

        /// <summary>Each element times <paramref name="y"/>, in float64.</summary>
        public static DArray<double> operator *(DArray<T> x, double y) => x.AsType<double>() * y;

        /// <summary><paramref name="x"/> times each element, in float64.</summary>
        public static DArray<double> operator *(double x, DArray<T> y) => x * y.AsType<double>();

        /// <summary>Each element divided by <paramref name="y"/>, in float64.</summary>
        public static DArray<double> operator /(DArray<T> x, double y) => x.AsType<double>() / y;

        /// <summary><paramref name="x"/> divided by each element, in float64.</summary>
        public static DArray<double> operator /(double x, DArray<T> y) => x / y.AsType<double>();

        /// <summary>Each element modulo <paramref name="y"/> (NumPy's <c>%</c>), in float64.</summary>
        public static DArray<double> operator %(DArray<T> x, double y) => x.AsType<double>() % y;

        /// <summary><paramref name="x"/> modulo each element (NumPy's <c>%</c>), in float64.</summary>
        public static DArray<double> operator %(double x, DArray<T> y) => x % y.AsType<double>();
    }

    extension(DArray<float>)
    {
        /// <summary>The sum of each element and <paramref name="y"/> rounded to float32, in float32.</summary>
        public static DArray<float> operator +(DArray<float> x, double y) => x + (float)y;

        /// <summary>The sum of <paramref name="x"/> rounded to float32 and each element, in float32.</summary>
        public static DArray<float> operator +(double x, DArray<float> y) => (float)x + y;

        /// <summary>Each element minus <paramref name="y"/> rounded to float32, in float32.</summary>
        public static DArray<float> operator -(DArray<float> x, double y) => x - (float)y;

        /// <summary><paramref name="x"/> rounded to float32 minus each element, in float32.</summary>
        public static DArray<float> operator -(double x, DArray<float> y) => (float)x - y;

        /// <summary>Each element times <paramref name="y"/> rounded to float32, in float32.</summary>
        public static DArray<float> operator *(DArray<float> x, double y) => x * (float)y;

        /// <summary><paramref name="x"/> rounded to float32 times each element, in float32.</summary>
        public static DArray<float> operator *(double x, DArray<float> y) => (float)x * y;

        /// <summary>Each element divided by <paramref name="y"/> rounded to float32, in float32.</summary>
        public static DArray<float> operator /(DArray<float> x, double y) => x / (float)y;

        /// <summary><paramref name="x"/> rounded to float32 divided by each element, in float32.</summary>
        public static DArray<float> operator /(double x, DArray<float> y) => (float)x / y;

        /// <summary>Each element modulo <paramref name="y"/> rounded to float32 (NumPy's <c>%</c>), in float32.</summary>
        public static DArray<float> operator %(DArray<float> x, double y) => x % (float)y;

        /// <summary><paramref name="x"/> rounded to float32 modulo each element (NumPy's <c>%</c>), in float32.</summary>
        public static DArray<float> operator %(double x, DArray<float> y) => (float)x % y;
    }
}

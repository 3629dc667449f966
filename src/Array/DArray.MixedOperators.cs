using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Arithmetic operators between arrays of different element types, returning NumPy's promoted
/// type (see <see cref="ResultType(string, string)"/>): both operands are converted to it first.
/// Operators between arrays of one type are declared on <see cref="DArray{TElement}"/> itself.
/// </summary>
public static partial class DArray
{
    extension(DArray<Bool>)
    {
        /// <summary>The elementwise sum as <c>int32</c>, with broadcasting.</summary>
        public static DArray<int> operator +(DArray<Bool> x, DArray<int> y) => Promoted<int>("add", x, y);

        /// <summary>The elementwise difference as <c>int32</c>, with broadcasting.</summary>
        public static DArray<int> operator -(DArray<Bool> x, DArray<int> y) => Promoted<int>("subtract", x, y);

        /// <summary>The elementwise product as <c>int32</c>, with broadcasting.</summary>
        public static DArray<int> operator *(DArray<Bool> x, DArray<int> y) => Promoted<int>("multiply", x, y);

        /// <summary>The elementwise quotient as <c>int32</c>, with broadcasting.</summary>
        public static DArray<int> operator /(DArray<Bool> x, DArray<int> y) => Promoted<int>("divide", x, y);

        /// <summary>The elementwise remainder (NumPy's <c>%</c>) as <c>int32</c>, with broadcasting.</summary>
        public static DArray<int> operator %(DArray<Bool> x, DArray<int> y) => Promoted<int>("remainder", x, y);

        /// <summary>The elementwise sum as <c>int64</c>, with broadcasting.</summary>
        public static DArray<long> operator +(DArray<Bool> x, DArray<long> y) => Promoted<long>("add", x, y);

        /// <summary>The elementwise difference as <c>int64</c>, with broadcasting.</summary>
        public static DArray<long> operator -(DArray<Bool> x, DArray<long> y) => Promoted<long>("subtract", x, y);

        /// <summary>The elementwise product as <c>int64</c>, with broadcasting.</summary>
        public static DArray<long> operator *(DArray<Bool> x, DArray<long> y) => Promoted<long>("multiply", x, y);

        /// <summary>The elementwise quotient as <c>int64</c>, with broadcasting.</summary>
        public static DArray<long> operator /(DArray<Bool> x, DArray<long> y) => Promoted<long>("divide", x, y);

        /// <summary>The elementwise remainder (NumPy's <c>%</c>) as <c>int64</c>, with broadcasting.</summary>
        public static DArray<long> operator %(DArray<Bool> x, DArray<long> y) => Promoted<long>("remainder", x, y);

        /// <summary>The elementwise sum as <c>float32</c>, with broadcasting.</summary>
        public static DArray<float> operator +(DArray<Bool> x, DArray<float> y) => Promoted<float>("add", x, y);

        /// <summary>The elementwise difference as <c>float32</c>, with broadcasting.</summary>
        public static DArray<float> operator -(DArray<Bool> x, DArray<float> y) => Promoted<float>("subtract", x, y);

        /// <summary>The elementwise product as <c>float32</c>, with broadcasting.</summary>
        public static DArray<float> operator *(DArray<Bool> x, DArray<float> y) => Promoted<float>("multiply", x, y);

        /// <summary>The elementwise quotient as <c>float32</c>, with broadcasting.</summary>
        public static DArray<float> operator /(DArray<Bool> x, DArray<float> y) => Promoted<float>("divide", x, y);

        /// <summary>The elementwise remainder (NumPy's <c>%</c>) as <c>float32</c>, with broadcasting.</summary>
        public static DArray<float> operator %(DArray<Bool> x, DArray<float> y) => Promoted<float>("remainder", x, y);

        /// <summary>The elementwise sum as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator +(DArray<Bool> x, DArray<double> y) => Promoted<double>("add", x, y);

        /// <summary>The elementwise difference as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator -(DArray<Bool> x, DArray<double> y) => Promoted<double>("subtract", x, y);

        /// <summary>The elementwise product as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator *(DArray<Bool> x, DArray<double> y) => Promoted<double>("multiply", x, y);

        /// <summary>The elementwise quotient as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator /(DArray<Bool> x, DArray<double> y) => Promoted<double>("divide", x, y);

        /// <summary>The elementwise remainder (NumPy's <c>%</c>) as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator %(DArray<Bool> x, DArray<double> y) => Promoted<double>("remainder", x, y);
    }

    extension(DArray<int>)
    {
        /// <summary>The elementwise sum as <c>int32</c>, with broadcasting.</summary>
        public static DArray<int> operator +(DArray<int> x, DArray<Bool> y) => Promoted<int>("add", x, y);

        /// <summary>The elementwise difference as <c>int32</c>, with broadcasting.</summary>
        public static DArray<int> operator -(DArray<int> x, DArray<Bool> y) => Promoted<int>("subtract", x, y);

        /// <summary>The elementwise product as <c>int32</c>, with broadcasting.</summary>
        public static DArray<int> operator *(DArray<int> x, DArray<Bool> y) => Promoted<int>("multiply", x, y);

        /// <summary>The elementwise quotient as <c>int32</c>, with broadcasting.</summary>
        public static DArray<int> operator /(DArray<int> x, DArray<Bool> y) => Promoted<int>("divide", x, y);

        /// <summary>The elementwise remainder (NumPy's <c>%</c>) as <c>int32</c>, with broadcasting.</summary>
        public static DArray<int> operator %(DArray<int> x, DArray<Bool> y) => Promoted<int>("remainder", x, y);

        /// <summary>The elementwise sum as <c>int64</c>, with broadcasting.</summary>
        public static DArray<long> operator +(DArray<int> x, DArray<long> y) => Promoted<long>("add", x, y);

        /// <summary>The elementwise difference as <c>int64</c>, with broadcasting.</summary>
        public static DArray<long> operator -(DArray<int> x, DArray<long> y) => Promoted<long>("subtract", x, y);

        /// <summary>The elementwise product as <c>int64</c>, with broadcasting.</summary>
        public static DArray<long> operator *(DArray<int> x, DArray<long> y) => Promoted<long>("multiply", x, y);

        /// <summary>The elementwise quotient as <c>int64</c>, with broadcasting.</summary>
        public static DArray<long> operator /(DArray<int> x, DArray<long> y) => Promoted<long>("divide", x, y);

        /// <summary>The elementwise remainder (NumPy's <c>%</c>) as <c>int64</c>, with broadcasting.</summary>
        public static DArray<long> operator %(DArray<int> x, DArray<long> y) => Promoted<long>("remainder", x, y);

        /// <summary>The elementwise sum as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator +(DArray<int> x, DArray<float> y) => Promoted<double>("add", x, y);

        /// <summary>The elementwise difference as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator -(DArray<int> x, DArray<float> y) => Promoted<double>("subtract", x, y);

        /// <summary>The elementwise product as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator *(DArray<int> x, DArray<float> y) => Promoted<double>("multiply", x, y);

        /// <summary>The elementwise quotient as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator /(DArray<int> x, DArray<float> y) => Promoted<double>("divide", x, y);

        /// <summary>The elementwise remainder (NumPy's <c>%</c>) as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator %(DArray<int> x, DArray<float> y) => Promoted<double>("remainder", x, y);

        /// <summary>The elementwise sum as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator +(DArray<int> x, DArray<double> y) => Promoted<double>("add", x, y);

        /// <summary>The elementwise difference as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator -(DArray<int> x, DArray<double> y) => Promoted<double>("subtract", x, y);

        /// <summary>The elementwise product as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator *(DArray<int> x, DArray<double> y) => Promoted<double>("multiply", x, y);

        /// <summary>The elementwise quotient as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator /(DArray<int> x, DArray<double> y) => Promoted<double>("divide", x, y);

        /// <summary>The elementwise remainder (NumPy's <c>%</c>) as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator %(DArray<int> x, DArray<double> y) => Promoted<double>("remainder", x, y);
    }

    extension(DArray<long>)
    {
        /// <summary>The elementwise sum as <c>int64</c>, with broadcasting.</summary>
        public static DArray<long> operator +(DArray<long> x, DArray<Bool> y) => Promoted<long>("add", x, y);

        /// <summary>The elementwise difference as <c>int64</c>, with broadcasting.</summary>
        public static DArray<long> operator -(DArray<long> x, DArray<Bool> y) => Promoted<long>("subtract", x, y);

        /// <summary>The elementwise product as <c>int64</c>, with broadcasting.</summary>
        public static DArray<long> operator *(DArray<long> x, DArray<Bool> y) => Promoted<long>("multiply", x, y);

        /// <summary>The elementwise quotient as <c>int64</c>, with broadcasting.</summary>
        public static DArray<long> operator /(DArray<long> x, DArray<Bool> y) => Promoted<long>("divide", x, y);

        /// <summary>The elementwise remainder (NumPy's <c>%</c>) as <c>int64</c>, with broadcasting.</summary>
        public static DArray<long> operator %(DArray<long> x, DArray<Bool> y) => Promoted<long>("remainder", x, y);

        /// <summary>The elementwise sum as <c>int64</c>, with broadcasting.</summary>
        public static DArray<long> operator +(DArray<long> x, DArray<int> y) => Promoted<long>("add", x, y);

        /// <summary>The elementwise difference as <c>int64</c>, with broadcasting.</summary>
        public static DArray<long> operator -(DArray<long> x, DArray<int> y) => Promoted<long>("subtract", x, y);

        /// <summary>The elementwise product as <c>int64</c>, with broadcasting.</summary>
        public static DArray<long> operator *(DArray<long> x, DArray<int> y) => Promoted<long>("multiply", x, y);

        /// <summary>The elementwise quotient as <c>int64</c>, with broadcasting.</summary>
        public static DArray<long> operator /(DArray<long> x, DArray<int> y) => Promoted<long>("divide", x, y);

        /// <summary>The elementwise remainder (NumPy's <c>%</c>) as <c>int64</c>, with broadcasting.</summary>
        public static DArray<long> operator %(DArray<long> x, DArray<int> y) => Promoted<long>("remainder", x, y);

        /// <summary>The elementwise sum as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator +(DArray<long> x, DArray<float> y) => Promoted<double>("add", x, y);

        /// <summary>The elementwise difference as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator -(DArray<long> x, DArray<float> y) => Promoted<double>("subtract", x, y);

        /// <summary>The elementwise product as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator *(DArray<long> x, DArray<float> y) => Promoted<double>("multiply", x, y);

        /// <summary>The elementwise quotient as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator /(DArray<long> x, DArray<float> y) => Promoted<double>("divide", x, y);

        /// <summary>The elementwise remainder (NumPy's <c>%</c>) as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator %(DArray<long> x, DArray<float> y) => Promoted<double>("remainder", x, y);

        /// <summary>The elementwise sum as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator +(DArray<long> x, DArray<double> y) => Promoted<double>("add", x, y);

        /// <summary>The elementwise difference as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator -(DArray<long> x, DArray<double> y) => Promoted<double>("subtract", x, y);

        /// <summary>The elementwise product as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator *(DArray<long> x, DArray<double> y) => Promoted<double>("multiply", x, y);

        /// <summary>The elementwise quotient as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator /(DArray<long> x, DArray<double> y) => Promoted<double>("divide", x, y);

        /// <summary>The elementwise remainder (NumPy's <c>%</c>) as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator %(DArray<long> x, DArray<double> y) => Promoted<double>("remainder", x, y);
    }

    extension(DArray<float>)
    {
        /// <summary>The elementwise sum as <c>float32</c>, with broadcasting.</summary>
        public static DArray<float> operator +(DArray<float> x, DArray<Bool> y) => Promoted<float>("add", x, y);

        /// <summary>The elementwise difference as <c>float32</c>, with broadcasting.</summary>
        public static DArray<float> operator -(DArray<float> x, DArray<Bool> y) => Promoted<float>("subtract", x, y);

        /// <summary>The elementwise product as <c>float32</c>, with broadcasting.</summary>
        public static DArray<float> operator *(DArray<float> x, DArray<Bool> y) => Promoted<float>("multiply", x, y);

        /// <summary>The elementwise quotient as <c>float32</c>, with broadcasting.</summary>
        public static DArray<float> operator /(DArray<float> x, DArray<Bool> y) => Promoted<float>("divide", x, y);

        /// <summary>The elementwise remainder (NumPy's <c>%</c>) as <c>float32</c>, with broadcasting.</summary>
        public static DArray<float> operator %(DArray<float> x, DArray<Bool> y) => Promoted<float>("remainder", x, y);

        /// <summary>The elementwise sum as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator +(DArray<float> x, DArray<int> y) => Promoted<double>("add", x, y);

        /// <summary>The elementwise difference as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator -(DArray<float> x, DArray<int> y) => Promoted<double>("subtract", x, y);

        /// <summary>The elementwise product as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator *(DArray<float> x, DArray<int> y) => Promoted<double>("multiply", x, y);

        /// <summary>The elementwise quotient as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator /(DArray<float> x, DArray<int> y) => Promoted<double>("divide", x, y);

        /// <summary>The elementwise remainder (NumPy's <c>%</c>) as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator %(DArray<float> x, DArray<int> y) => Promoted<double>("remainder", x, y);

        /// <summary>The elementwise sum as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator +(DArray<float> x, DArray<long> y) => Promoted<double>("add", x, y);

        /// <summary>The elementwise difference as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator -(DArray<float> x, DArray<long> y) => Promoted<double>("subtract", x, y);

        /// <summary>The elementwise product as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator *(DArray<float> x, DArray<long> y) => Promoted<double>("multiply", x, y);

        /// <summary>The elementwise quotient as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator /(DArray<float> x, DArray<long> y) => Promoted<double>("divide", x, y);

        /// <summary>The elementwise remainder (NumPy's <c>%</c>) as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator %(DArray<float> x, DArray<long> y) => Promoted<double>("remainder", x, y);

        /// <summary>The elementwise sum as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator +(DArray<float> x, DArray<double> y) => Promoted<double>("add", x, y);

        /// <summary>The elementwise difference as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator -(DArray<float> x, DArray<double> y) => Promoted<double>("subtract", x, y);

        /// <summary>The elementwise product as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator *(DArray<float> x, DArray<double> y) => Promoted<double>("multiply", x, y);

        /// <summary>The elementwise quotient as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator /(DArray<float> x, DArray<double> y) => Promoted<double>("divide", x, y);

        /// <summary>The elementwise remainder (NumPy's <c>%</c>) as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator %(DArray<float> x, DArray<double> y) => Promoted<double>("remainder", x, y);
    }

    extension(DArray<double>)
    {
        /// <summary>The elementwise sum as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator +(DArray<double> x, DArray<Bool> y) => Promoted<double>("add", x, y);

        /// <summary>The elementwise difference as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator -(DArray<double> x, DArray<Bool> y) => Promoted<double>("subtract", x, y);

        /// <summary>The elementwise product as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator *(DArray<double> x, DArray<Bool> y) => Promoted<double>("multiply", x, y);

        /// <summary>The elementwise quotient as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator /(DArray<double> x, DArray<Bool> y) => Promoted<double>("divide", x, y);

        /// <summary>The elementwise remainder (NumPy's <c>%</c>) as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator %(DArray<double> x, DArray<Bool> y) => Promoted<double>("remainder", x, y);

        /// <summary>The elementwise sum as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator +(DArray<double> x, DArray<int> y) => Promoted<double>("add", x, y);

        /// <summary>The elementwise difference as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator -(DArray<double> x, DArray<int> y) => Promoted<double>("subtract", x, y);

        /// <summary>The elementwise product as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator *(DArray<double> x, DArray<int> y) => Promoted<double>("multiply", x, y);

        /// <summary>The elementwise quotient as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator /(DArray<double> x, DArray<int> y) => Promoted<double>("divide", x, y);

        /// <summary>The elementwise remainder (NumPy's <c>%</c>) as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator %(DArray<double> x, DArray<int> y) => Promoted<double>("remainder", x, y);

        /// <summary>The elementwise sum as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator +(DArray<double> x, DArray<long> y) => Promoted<double>("add", x, y);

        /// <summary>The elementwise difference as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator -(DArray<double> x, DArray<long> y) => Promoted<double>("subtract", x, y);

        /// <summary>The elementwise product as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator *(DArray<double> x, DArray<long> y) => Promoted<double>("multiply", x, y);

        /// <summary>The elementwise quotient as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator /(DArray<double> x, DArray<long> y) => Promoted<double>("divide", x, y);

        /// <summary>The elementwise remainder (NumPy's <c>%</c>) as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator %(DArray<double> x, DArray<long> y) => Promoted<double>("remainder", x, y);

        /// <summary>The elementwise sum as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator +(DArray<double> x, DArray<float> y) => Promoted<double>("add", x, y);

        /// <summary>The elementwise difference as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator -(DArray<double> x, DArray<float> y) => Promoted<double>("subtract", x, y);

        /// <summary>The elementwise product as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator *(DArray<double> x, DArray<float> y) => Promoted<double>("multiply", x, y);

        /// <summary>The elementwise quotient as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator /(DArray<double> x, DArray<float> y) => Promoted<double>("divide", x, y);

        /// <summary>The elementwise remainder (NumPy's <c>%</c>) as <c>float64</c>, with broadcasting.</summary>
        public static DArray<double> operator %(DArray<double> x, DArray<float> y) => Promoted<double>("remainder", x, y);
    }
}

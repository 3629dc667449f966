namespace MiniDask.Array;

/// <summary>
/// NumPy's floating-point functions (<c>np.exp(x)</c> is <c>DArray.Exp(x)</c> or <c>x.Exp()</c>).
/// Float arrays keep their type; integer arrays are converted to float64 first, as NumPy does.
/// Each runs as one vectorized TensorPrimitives call per block.
/// </summary>
public static partial class DArray
{
    /// <summary>The elementwise natural exponential <c>e^x</c>.</summary>
    public static DArray<double> Exp(this DArray<double> x) => FloatUnary(x, "exp");

    /// <summary>The elementwise natural exponential <c>e^x</c>.</summary>
    public static DArray<float> Exp(this DArray<float> x) => FloatUnary(x, "exp");

    /// <summary>The elementwise natural exponential <c>e^x</c>, as float64.</summary>
    public static DArray<double> Exp(this DArray<int> x) => FloatUnary(x.AsType<double>(), "exp");

    /// <summary>The elementwise natural exponential <c>e^x</c>, as float64.</summary>
    public static DArray<double> Exp(this DArray<long> x) => FloatUnary(x.AsType<double>(), "exp");

    /// <summary>The elementwise natural logarithm (NaN below zero, negative infinity at zero).</summary>
    public static DArray<double> Log(this DArray<double> x) => FloatUnary(x, "log");

    /// <summary>The elementwise natural logarithm (NaN below zero, negative infinity at zero).</summary>
    public static DArray<float> Log(this DArray<float> x) => FloatUnary(x, "log");

    /// <summary>The elementwise natural logarithm (NaN below zero, negative infinity at zero), as float64.</summary>
    public static DArray<double> Log(this DArray<int> x) => FloatUnary(x.AsType<double>(), "log");

    /// <summary>The elementwise natural logarithm (NaN below zero, negative infinity at zero), as float64.</summary>
    public static DArray<double> Log(this DArray<long> x) => FloatUnary(x.AsType<double>(), "log");

    /// <summary>The elementwise square root (NaN below zero).</summary>
    public static DArray<double> Sqrt(this DArray<double> x) => FloatUnary(x, "sqrt");

    /// <summary>The elementwise square root (NaN below zero).</summary>
    public static DArray<float> Sqrt(this DArray<float> x) => FloatUnary(x, "sqrt");

    /// <summary>The elementwise square root (NaN below zero), as float64.</summary>
    public static DArray<double> Sqrt(this DArray<int> x) => FloatUnary(x.AsType<double>(), "sqrt");

    /// <summary>The elementwise square root (NaN below zero), as float64.</summary>
    public static DArray<double> Sqrt(this DArray<long> x) => FloatUnary(x.AsType<double>(), "sqrt");

    /// <summary>The elementwise sine of radians.</summary>
    public static DArray<double> Sin(this DArray<double> x) => FloatUnary(x, "sin");

    /// <summary>The elementwise sine of radians.</summary>
    public static DArray<float> Sin(this DArray<float> x) => FloatUnary(x, "sin");

    /// <summary>The elementwise sine of radians, as float64.</summary>
    public static DArray<double> Sin(this DArray<int> x) => FloatUnary(x.AsType<double>(), "sin");

    /// <summary>The elementwise sine of radians, as float64.</summary>
    public static DArray<double> Sin(this DArray<long> x) => FloatUnary(x.AsType<double>(), "sin");

    /// <summary>The elementwise cosine of radians.</summary>
    public static DArray<double> Cos(this DArray<double> x) => FloatUnary(x, "cos");

    /// <summary>The elementwise cosine of radians.</summary>
    public static DArray<float> Cos(this DArray<float> x) => FloatUnary(x, "cos");

    /// <summary>The elementwise cosine of radians, as float64.</summary>
    public static DArray<double> Cos(this DArray<int> x) => FloatUnary(x.AsType<double>(), "cos");

    /// <summary>The elementwise cosine of radians, as float64.</summary>
    public static DArray<double> Cos(this DArray<long> x) => FloatUnary(x.AsType<double>(), "cos");

    /// <summary>The elementwise hyperbolic tangent.</summary>
    public static DArray<double> Tanh(this DArray<double> x) => FloatUnary(x, "tanh");

    /// <summary>The elementwise hyperbolic tangent.</summary>
    public static DArray<float> Tanh(this DArray<float> x) => FloatUnary(x, "tanh");

    /// <summary>The elementwise hyperbolic tangent, as float64.</summary>
    public static DArray<double> Tanh(this DArray<int> x) => FloatUnary(x.AsType<double>(), "tanh");

    /// <summary>The elementwise hyperbolic tangent, as float64.</summary>
    public static DArray<double> Tanh(this DArray<long> x) => FloatUnary(x.AsType<double>(), "tanh");
}

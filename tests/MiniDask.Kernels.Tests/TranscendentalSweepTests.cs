using System.Numerics;
using MiniDask.Kernels.Accelerators;

namespace MiniDask.Kernels.Tests;

/// <summary>
/// Every elementwise function on spans, swept against <see cref="Math"/> (<see cref="MathF"/>)
/// over tiny, subnormal, huge, negative, signed-zero, infinite and NaN inputs, at span lengths
/// that cover the vector bodies and tails TensorPrimitives would use: each element must have
/// the scalar function's bits, whatever the length or its position in the span.
/// </summary>
public class TranscendentalSweepTests
{
    private static readonly int[] Lengths = [1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 31, 64, 257];

    private static readonly double[] Doubles = SpecialDoubles();

    private static readonly float[] Floats = SpecialFloats();

    public static TheoryData<string> UnaryOps() => ["exp", "log", "sin", "cos", "tanh", "sqrt", "abs", "negative"];

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void Unary_Float64Spans_EqualTheScalarMathFunctionBitForBit(string op)
    {
        Func<double, double> scalar = op switch
        {
            "exp" => Math.Exp,
            "log" => Math.Log,
            "sin" => Math.Sin,
            "cos" => Math.Cos,
            "tanh" => Math.Tanh,
            "sqrt" => Math.Sqrt,
            "abs" => Math.Abs,
            _ => v => -v,
        };

        foreach (var length in Lengths)
        {
            foreach (var start in new[] { 0, 5 })
            {
                var x = Window(Doubles, start, length);
                var span = new double[length];
                Unary(op, x, span);
                var block = UnaryBlock<double>(op, new NDArray<double>(x, [length]));
                for (var i = 0; i < length; i++)
                {
                    AssertSameBits(scalar(x[i]), span[i], $"{op}({x[i]:R}) at {i} of {length}");
                    AssertSameBits(scalar(x[i]), block.Data[i], $"{op}({x[i]:R}) block at {i} of {length}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void Unary_Float32Spans_EqualTheScalarMathFFunctionBitForBit(string op)
    {
        Func<float, float> scalar = op switch
        {
            "exp" => MathF.Exp,
            "log" => MathF.Log,
            "sin" => MathF.Sin,
            "cos" => MathF.Cos,
            "tanh" => MathF.Tanh,
            "sqrt" => MathF.Sqrt,
            "abs" => MathF.Abs,
            _ => v => -v,
        };

        foreach (var length in Lengths)
        {
            foreach (var start in new[] { 0, 3 })
            {
                var x = Window(Floats, start, length);
                var span = new float[length];
                Unary(op, x, span);
                for (var i = 0; i < length; i++)
                {
                    Assert.True(
                        BitConverter.SingleToInt32Bits(scalar(x[i])) == BitConverter.SingleToInt32Bits(span[i]),
                        $"{op}({x[i]:R}) at {i} of {length}: expected {scalar(x[i]):R}, got {span[i]:R}");
                }
            }
        }
    }

    [Fact]
    public void Tanh_TinyArguments_AreTheArgumentAsNumPyGives()
    {
        var tiny = Enumerable.Range(0, 64).Select(i => MathF.Pow(10, -30 + (i * 0.4f))).ToArray();
        var result = new float[tiny.Length];
        var doubles = tiny.Select(v => (double)v / 1e3).ToArray();
        var doubleResult = new double[doubles.Length];

        TanhOperator<float>.Invoke(tiny, result);
        TanhOperator<double>.Invoke(doubles, doubleResult);

        Assert.Equal(1e-8f, BlockMath.Unary<TanhOperator<float>, float>(NDArray<float>.Full([16], 1e-8f)).Data[15]);
        for (var i = 0; i < tiny.Length; i++)
        {
            // Against the Taylor series x - x^3/3 (exact to double precision for |x| < 1e-4): within
            // two units in the last place for float (the C library's tanhf), one for double.
            var exact = Taylor(tiny[i]);
            Assert.True(Math.Abs(result[i] - exact) <= 2 * FloatUlp((float)exact), $"tanh({tiny[i]:R}) = {result[i]:R}, not about {exact:R}");
            Assert.True(Math.Abs(doubleResult[i] - Taylor(doubles[i])) <= Ulp(Taylor(doubles[i])), $"tanh({doubles[i]:R}) = {doubleResult[i]:R}");
        }

        static double Taylor(double x) => x - (x * x * x / 3);
        static double Ulp(double x) => Math.BitIncrement(Math.Abs(x)) - Math.Abs(x);
        static double FloatUlp(float x) => MathF.BitIncrement(MathF.Abs(x)) - MathF.Abs(x);
    }

    [Fact]
    public void Power_Float64InEveryForm_EqualsMathPowBitForBit()
    {
        double[] exponents = [0, -0.0, 1, -1, 0.5, 2, 3, -2.5, 1e-300, 1e300, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1.7];
        foreach (var length in Lengths)
        {
            var x = Window(Doubles, 2, length);
            var y = Window(exponents, 1, length);
            var spans = new double[length];
            PowerOperator<double>.Invoke(x, y, spans);
            for (var i = 0; i < length; i++)
            {
                AssertSameBits(Math.Pow(x[i], y[i]), spans[i], $"pow({x[i]:R}, {y[i]:R})");
            }

            foreach (var e in exponents)
            {
                var byScalar = new double[length];
                var scalarFirst = new double[length];
                PowerOperator<double>.Invoke(x, e, byScalar);
                PowerOperator<double>.Invoke(e, x, scalarFirst);
                for (var i = 0; i < length; i++)
                {
                    AssertSameBits(Math.Pow(x[i], e), byScalar[i], $"pow({x[i]:R}, {e:R})");
                    AssertSameBits(Math.Pow(e, x[i]), scalarFirst[i], $"pow({e:R}, {x[i]:R})");
                }
            }
        }
    }

    [Fact]
    public void Power_Float32Spans_EqualMathFPowBitForBit()
    {
        var x = Window(Floats, 0, 257);
        var y = Window(Floats, 11, 257);
        var result = new float[257];

        PowerOperator<float>.Invoke(x, y, result);

        for (var i = 0; i < x.Length; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(MathF.Pow(x[i], y[i])), BitConverter.SingleToInt32Bits(result[i]));
        }
    }

    public static TheoryData<string, string> DeviceUnaryOps()
    {
        var data = new TheoryData<string, string>();
        foreach (var device in new[] { "cpu", "ilgpu-cpu" })
        {
            foreach (var op in new[] { "exp", "log", "sin", "cos", "tanh", "sqrt", "abs", "negative" })
            {
                data.Add(op, device);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DeviceUnaryOps))]
    public void DeviceUnary_OverTheSweep_EqualsTheHostOperatorBitForBit(string op, string device)
    {
        using var accelerator = AcceleratorContext.Create(device).CreateAccelerator(debug: true);
        var x = Window(Doubles, 0, 257);
        var expected = new double[x.Length];
        Unary(op, x, expected);
        using var input = accelerator.Allocate<double>([x.Length]);
        using var output = accelerator.Allocate<double>([x.Length]);
        var actual = new double[x.Length];

        input.CopyFromHost(x);
        DeviceUnary(accelerator, op, input, output);
        output.CopyToHost(actual);
        accelerator.Synchronize();

        for (var i = 0; i < x.Length; i++)
        {
            AssertSameBits(expected[i], actual[i], $"{op}({x[i]:R}) on {device}");
        }
    }

    private static void DeviceUnary(Accelerator accelerator, string op, DeviceBuffer<double> x, DeviceBuffer<double> y)
    {
        switch (op)
        {
            case "exp": accelerator.Unary<ExpOperator<double>, double>(x, y); break;
            case "log": accelerator.Unary<LogOperator<double>, double>(x, y); break;
            case "sin": accelerator.Unary<SinOperator<double>, double>(x, y); break;
            case "cos": accelerator.Unary<CosOperator<double>, double>(x, y); break;
            case "tanh": accelerator.Unary<TanhOperator<double>, double>(x, y); break;
            case "sqrt": accelerator.Unary<SqrtOperator<double>, double>(x, y); break;
            case "abs": accelerator.Unary<AbsOperator<double>, double>(x, y); break;
            default: accelerator.Unary<NegateOperator<double>, double>(x, y); break;
        }
    }

    private static void Unary<T>(string op, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (op)
        {
            case "exp": ExpOperator<T>.Invoke(x, y); break;
            case "log": LogOperator<T>.Invoke(x, y); break;
            case "sin": SinOperator<T>.Invoke(x, y); break;
            case "cos": CosOperator<T>.Invoke(x, y); break;
            case "tanh": TanhOperator<T>.Invoke(x, y); break;
            case "sqrt": SqrtOperator<T>.Invoke(x, y); break;
            case "abs": AbsOperator<T>.Invoke(x, y); break;
            default: NegateOperator<T>.Invoke(x, y); break;
        }
    }

    private static NDArray<T> UnaryBlock<T>(string op, NDArray<T> x)
        where T : unmanaged, IFloatingPointIeee754<T> => op switch
        {
            "exp" => BlockMath.Unary<ExpOperator<T>, T>(x),
            "log" => BlockMath.Unary<LogOperator<T>, T>(x),
            "sin" => BlockMath.Unary<SinOperator<T>, T>(x),
            "cos" => BlockMath.Unary<CosOperator<T>, T>(x),
            "tanh" => BlockMath.Unary<TanhOperator<T>, T>(x),
            "sqrt" => BlockMath.Unary<SqrtOperator<T>, T>(x),
            "abs" => BlockMath.Unary<AbsOperator<T>, T>(x),
            _ => BlockMath.Unary<NegateOperator<T>, T>(x),
        };

    private static void AssertSameBits(double expected, double actual, string what) =>
        Assert.True(
            BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"{what}: expected {expected:R} ({BitConverter.DoubleToInt64Bits(expected):x16}), got {actual:R} ({BitConverter.DoubleToInt64Bits(actual):x16})");

    /// <summary><paramref name="length"/> values of <paramref name="values"/> from <paramref name="start"/>, wrapping around.</summary>
    private static T[] Window<T>(T[] values, int start, int length) => [.. Enumerable.Range(0, length).Select(i => values[(start + i) % values.Length])];

    private static double[] SpecialDoubles()
    {
        double[] special =
        [
            0.0, -0.0, double.Epsilon, -double.Epsilon, 1e-310, -2.5e-320, double.MinValue, double.MaxValue,
            double.PositiveInfinity, double.NegativeInfinity, double.NaN, BitConverter.Int64BitsToDouble(0x7ff8000000000123),
            1e-300, -1e-300, 1e-30, 1e-16, -1e-12, 1e-8, -1e-8, 4.4e-5, 1e-3, 0.027, -0.5, 1, -1, Math.PI, Math.PI / 2, -Math.E,
            2, 10, -20, 19.06, 22, 700, 709.78, 710, -745, -746, 1e5, 1e10, -1e15, 1e22, 1e300, 123456.789, -3.75,
        ];
        var random = new Random(12);
        var log = Enumerable.Range(0, 120).Select(i => (random.Next(2) == 0 ? -1 : 1) * Math.Pow(10, -320 + (random.NextDouble() * 628)));
        var moderate = Enumerable.Range(0, 80).Select(_ => (random.NextDouble() - 0.5) * 60);
        return [.. special, .. log, .. moderate];
    }

    private static float[] SpecialFloats()
    {
        float[] special =
        [
            0f, -0f, float.Epsilon, -float.Epsilon, 1e-40f, -1e-39f, float.MinValue, float.MaxValue,
            float.PositiveInfinity, float.NegativeInfinity, float.NaN, 1e-30f, 1e-8f, -1e-8f, 1e-4f, 0.0269f, -0.5f,
            1f, -1f, MathF.PI, 2f, 9f, -10f, 88.7f, 89f, -103f, -104f, 1e5f, 1e10f, -1e30f, 3e38f,
        ];
        var random = new Random(13);
        var log = Enumerable.Range(0, 100).Select(i => (random.Next(2) == 0 ? -1 : 1) * MathF.Pow(10, -44 + (random.NextSingle() * 82)));
        var moderate = Enumerable.Range(0, 60).Select(_ => (random.NextSingle() - 0.5f) * 40);
        return [.. special, .. log, .. moderate];
    }
}

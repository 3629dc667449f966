namespace MiniDask.Kernels.Tests;

/// <summary>
/// Every binary operator gives each element the bits of its scalar form, in all three span forms
/// (span with span, span with scalar, scalar with span) and at lengths that cover vector bodies
/// and tails: signed zeros, infinities, NaN and integer edge values included. Which NaN comes out
/// of an operation on two NaNs is not compared: the JIT may swap the operands of a commutative
/// floating-point operation, so no form can promise it.
/// </summary>
public class OperatorFormsTests
{
    private static readonly double[] Doubles =
    [
        0.0, -0.0, 1, -1, 2.5, -7, 1e-310, double.MaxValue, double.NegativeInfinity, double.PositiveInfinity,
        double.NaN, -double.NaN, BitConverter.Int64BitsToDouble(0x7ff8000000000123), 0.1, 3,
    ];

    private static readonly long[] Longs = [0, 1, -1, 2, -7, 9, long.MinValue, long.MaxValue, 3];

    public static TheoryData<string> Ops() => ["add", "subtract", "multiply", "divide", "maximum", "minimum", "remainder", "floor_divide", "power"];

    [Theory]
    [MemberData(nameof(Ops))]
    public void SpanForms_Float64_EqualTheScalarFormBitForBit(string op)
    {
        foreach (var a in Doubles)
        {
            foreach (var b in Doubles)
            {
                AssertForms(op, a, b, (x, y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y) || (double.IsNaN(x) && double.IsNaN(y) && double.IsNaN(a) && double.IsNaN(b)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void SpanForms_Int64_EqualTheScalarForm(string op)
    {
        foreach (var a in Longs)
        {
            foreach (var b in Longs)
            {
                if (op == "power" && b < 0)
                {
                    continue;
                }

                AssertForms(op, a, b, (x, y) => x == y);
            }
        }
    }

    private static void AssertForms<T>(string op, T a, T b, Func<T, T, bool> same)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        var scalar = Invoke(op, a, b);
        foreach (var n in new[] { 1, 3, 8, 17 })
        {
            T[] xs = [.. Enumerable.Repeat(a, n)];
            T[] ys = [.. Enumerable.Repeat(b, n)];
            var spans = new T[n];
            var byScalar = new T[n];
            var scalarFirst = new T[n];
            Spans(op, xs, ys, spans, byScalar, scalarFirst, a, b);
            for (var i = 0; i < n; i++)
            {
                Assert.True(same(scalar, spans[i]), $"{op}({a}, {b}) span with span of {n}: {spans[i]}, scalar form {scalar}");
                Assert.True(same(scalar, byScalar[i]), $"{op}({a}, {b}) span with scalar of {n}: {byScalar[i]}, scalar form {scalar}");
                Assert.True(same(scalar, scalarFirst[i]), $"{op}({a}, {b}) scalar with span of {n}: {scalarFirst[i]}, scalar form {scalar}");
            }
        }
    }

    private static T Invoke<T>(string op, T a, T b)
        where T : unmanaged, System.Numerics.INumber<T> => op switch
        {
            "add" => AddOperator<T>.Invoke(a, b),
            "subtract" => SubtractOperator<T>.Invoke(a, b),
            "multiply" => MultiplyOperator<T>.Invoke(a, b),
            "divide" => DivideOperator<T>.Invoke(a, b),
            "maximum" => MaximumOperator<T>.Invoke(a, b),
            "minimum" => MinimumOperator<T>.Invoke(a, b),
            "remainder" => RemainderOperator<T>.Invoke(a, b),
            "floor_divide" => FloorDivideOperator<T>.Invoke(a, b),
            _ => PowerOperator<T>.Invoke(a, b),
        };

    private static void Spans<T>(string op, T[] x, T[] y, T[] spans, T[] byScalar, T[] scalarFirst, T a, T b)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        switch (op)
        {
            case "add": Forms<AddOperator<T>, T>(x, y, spans, byScalar, scalarFirst, a, b); break;
            case "subtract": Forms<SubtractOperator<T>, T>(x, y, spans, byScalar, scalarFirst, a, b); break;
            case "multiply": Forms<MultiplyOperator<T>, T>(x, y, spans, byScalar, scalarFirst, a, b); break;
            case "divide": Forms<DivideOperator<T>, T>(x, y, spans, byScalar, scalarFirst, a, b); break;
            case "maximum": Forms<MaximumOperator<T>, T>(x, y, spans, byScalar, scalarFirst, a, b); break;
            case "minimum": Forms<MinimumOperator<T>, T>(x, y, spans, byScalar, scalarFirst, a, b); break;
            case "remainder": Forms<RemainderOperator<T>, T>(x, y, spans, byScalar, scalarFirst, a, b); break;
            case "floor_divide": Forms<FloorDivideOperator<T>, T>(x, y, spans, byScalar, scalarFirst, a, b); break;
            default: Forms<PowerOperator<T>, T>(x, y, spans, byScalar, scalarFirst, a, b); break;
        }
    }

    private static void Forms<TOp, T>(T[] x, T[] y, T[] spans, T[] byScalar, T[] scalarFirst, T a, T b)
        where TOp : IBinaryOperator<T>
        where T : unmanaged, System.Numerics.INumber<T>
    {
        TOp.Invoke(x, y, spans);
        TOp.Invoke(x, b, byScalar);
        TOp.Invoke(a, y, scalarFirst);
    }
}

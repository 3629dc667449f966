using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Conformance;

/// <summary>
/// What computing a case gave: a block (dtype, shape and raw bytes) or a scalar, or the
/// innermost exception. Two outcomes are equal only bit for bit: NaN payloads and signed zeros count.
/// </summary>
internal sealed record Outcome(string DType, int[] Shape, byte[] Bytes, INDArray? Value, string? Error)
{
    /// <summary>Runs <paramref name="compute"/> and records its result or failure.</summary>
    public static Outcome Of(Func<object?> compute)
    {
        try
        {
            return FromValue(compute());
        }
        catch (Exception e)
        {
            var inner = e;
            while (inner.InnerException is not null && inner is TaskFailedException or AggregateException)
            {
                inner = inner.InnerException;
            }

            return new Outcome("", [], [], null, $"{inner.GetType().Name}: {inner.Message}");
        }
    }

    /// <summary>
    /// Null when <paramref name="actual"/> equals this outcome bit for bit; otherwise what differs
    /// (the first differing element with both values).
    /// </summary>
    public string? Difference(Outcome actual)
    {
        if (Error is not null || actual.Error is not null)
        {
            return ErrorType(Error) == ErrorType(actual.Error) ? null : $"expected {Error ?? Describe()}, got {actual.Error ?? actual.Describe()}";
        }

        if (DType != actual.DType || !Shape.SequenceEqual(actual.Shape))
        {
            return $"expected {Describe()}, got {actual.Describe()}";
        }

        var size = Bytes.Length / Math.Max(1, Value!.Length);
        for (var i = 0; i < Bytes.Length; i++)
        {
            if (Bytes[i] != actual.Bytes[i])
            {
                var element = i / size;
                return $"element {element} of {Describe()} differs: expected {Element(Value, element)}, got {Element(actual.Value!, element)}";
            }
        }

        return null;
    }

    /// <summary>
    /// Null when <paramref name="actual"/> equals this outcome within <paramref name="tolerance"/>
    /// of the expected values' scale (the largest finite magnitude, at least 1) for floats, with NaN
    /// and infinities where the expected has them; other dtypes and errors must be equal exactly.
    /// </summary>
    public string? CloseTo(Outcome actual, double tolerance)
    {
        if (Value is not (NDArray<double> or NDArray<float>) || actual.Value is null || DType != actual.DType || !Shape.SequenceEqual(actual.Shape))
        {
            return Difference(actual);
        }

        var expected = Doubles(Value);
        var got = Doubles(actual.Value);
        var scale = expected.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        var bound = tolerance * Math.Max(1, scale);
        for (var i = 0; i < expected.Length; i++)
        {
            var (e, a) = (expected[i], got[i]);
            var close = double.IsNaN(e) ? double.IsNaN(a) : double.IsFinite(e) ? Math.Abs(e - a) <= bound : e == a;
            if (!close)
            {
                return $"element {i} of {Describe()} differs beyond {bound:g3}: expected {e:R}, got {a:R}";
            }
        }

        return null;
    }

    private static double[] Doubles(INDArray block) => block is NDArray<double> d ? d.Data : [.. ((NDArray<float>)block).Data.Select(v => (double)v)];

    private static Outcome FromValue(object? value)
    {
        var block = value switch
        {
            INDArray array => array,
            double d => NDArray<double>.Scalar(d),
            float f => NDArray<float>.Scalar(f),
            int i => NDArray<int>.Scalar(i),
            long l => NDArray<long>.Scalar(l),
            Bool b => NDArray<Bool>.Scalar(b),
            _ => throw new InvalidOperationException($"A conformance case computed {value?.GetType().Name ?? "null"}, not a block or a scalar."),
        };
        return new Outcome(block.DType, block.Shape.ToArray(), block.AsBytes().ToArray(), block, null);
    }

    private static string? ErrorType(string? error) => error?[..error.IndexOf(':')];

    private static string Element(INDArray block, int index) => block switch
    {
        NDArray<double> d => $"{d.Data[index]:R} (0x{BitConverter.DoubleToInt64Bits(d.Data[index]):x16})",
        NDArray<float> f => $"{f.Data[index]:R} (0x{BitConverter.SingleToInt32Bits(f.Data[index]):x8})",
        NDArray<int> i => i.Data[index].ToString(System.Globalization.CultureInfo.InvariantCulture),
        NDArray<long> l => l.Data[index].ToString(System.Globalization.CultureInfo.InvariantCulture),
        NDArray<Bool> b => ((bool)b.Data[index]).ToString(),
        _ => "?",
    };

    private string Describe() => Error ?? $"{DType} {Shapes.Format(Shape)}";
}

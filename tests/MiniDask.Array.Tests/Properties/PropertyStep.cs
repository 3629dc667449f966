using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests.Properties;

/// <summary>
/// One op of a generated chain, applied alike to the chunked array under test and to the
/// one-block reference. <see cref="Exact"/> says whether the op gives the same bits whatever the
/// chunking (elementwise and structural ops do; sums, products and matmul of floats add in
/// another order); <see cref="Continuous"/> whether a tiny difference in its input stays tiny
/// in its output, so it may follow an inexact op without turning rounding into a different answer.
/// </summary>
internal abstract class PropertyStep(string description, bool exact = true, bool continuous = true)
{
    /// <summary>The op as C#, with <c>x</c> for its input.</summary>
    public string Description { get; } = description;

    /// <summary>Whether the op's result has the same bits for any chunking of equal inputs.</summary>
    public bool Exact { get; } = exact;

    /// <summary>Whether a tiny change of the input changes the output only a little (no comparisons, masks, casts to integers or divisions).</summary>
    public bool Continuous { get; } = continuous;

    /// <summary>The op on <paramref name="x"/>; operands are built as one block when <paramref name="single"/>.</summary>
    public IDArray Apply(IDArray x, bool single) => x switch
    {
        DArray<double> d => Apply(d, single),
        DArray<float> f => Apply(f, single),
        DArray<int> i => Apply(i, single),
        DArray<long> l => Apply(l, single),
        DArray<Bool> b => Apply(b, single),
        _ => throw new InvalidOperationException($"Unexpected array {x}."),
    };

    public override string ToString() => Description;

    protected abstract IDArray Apply<T>(DArray<T> x, bool single)
        where T : unmanaged, INumber<T>;

    /// <summary>An elementwise function: negative, abs, or a float function.</summary>
    public sealed class Unary(string op) : PropertyStep($"x.{op}()", continuous: op is not ("Log" or "Sqrt"))
    {
        protected override IDArray Apply<T>(DArray<T> x, bool single) => (op, x) switch
        {
            ("Negative", _) => -x,
            ("Abs", _) => x.Abs(),
            (_, DArray<double> d) => Float(d),
            (_, DArray<float> f) => Float(f),
            _ => throw new InvalidOperationException($"{op} of {x.DType}"),
        };

        private IDArray Float(DArray<double> x) => op switch
        {
            "Exp" => x.Exp(),
            "Log" => x.Log(),
            "Sqrt" => x.Sqrt(),
            "Sin" => x.Sin(),
            "Cos" => x.Cos(),
            _ => x.Tanh(),
        };

        private IDArray Float(DArray<float> x) => op switch
        {
            "Exp" => x.Exp(),
            "Log" => x.Log(),
            "Sqrt" => x.Sqrt(),
            "Sin" => x.Sin(),
            "Cos" => x.Cos(),
            _ => x.Tanh(),
        };
    }

    /// <summary>An op with a scalar: <c>x + c</c>, <c>x - c</c>, <c>x * c</c>, <c>c - x</c>, <c>x / c</c>, <c>x % c</c>, <c>x // c</c>, <c>x ** c</c>.</summary>
    public sealed class WithScalar(string op, double value)
        : PropertyStep(op == "rsub" ? $"{value} - x" : $"x {op} {value}", continuous: op is "+" or "-" or "*" or "rsub")
    {
        protected override IDArray Apply<T>(DArray<T> x, bool single)
        {
            var c = T.CreateTruncating(value);
            return op switch
            {
                "+" => x + c,
                "-" => x - c,
                "*" => x * c,
                "rsub" => c - x,
                "/" => x / c,
                "%" => x % c,
                "//" => x.FloorDivide(c),
                _ => x.Power(c),
            };
        }
    }

    /// <summary>An op with another array of the same dtype (same shape, or one that broadcasts), in its own chunks.</summary>
    public sealed class WithArray(string op, PropertyOperand y)
        : PropertyStep($"x {op} y[{y}]", continuous: op is "+" or "-" or "*" or "maximum" or "minimum")
    {
        protected override IDArray Apply<T>(DArray<T> x, bool single)
        {
            var other = y.Build<T>(single);
            return op switch
            {
                "+" => x + other,
                "-" => x - other,
                "*" => x * other,
                "/" => x / other,
                "%" => x % other,
                "maximum" => x.Maximum(other),
                "minimum" => x.Minimum(other),
                "==" => x.Eq(other),
                "<" => x < other,
                ">=" => x >= other,
                _ => DArray.Where(x.Ne(T.Zero), x, other),
            };
        }
    }

    /// <summary>The array in another dtype.</summary>
    public sealed class AsType(string dtype) : PropertyStep($"x.AsType({dtype})", continuous: dtype is "float64" or "float32")
    {
        protected override IDArray Apply<T>(DArray<T> x, bool single) => dtype switch
        {
            "float64" => x.AsType<double>(),
            "float32" => x.AsType<float>(),
            "int32" => x.AsType<int>(),
            "int64" => x.AsType<long>(),
            _ => x.AsType<Bool>(),
        };
    }

    /// <summary>A permutation of the axes.</summary>
    public sealed class Transpose(int[] axes) : PropertyStep($"x.Transpose({string.Join(", ", axes)})")
    {
        protected override IDArray Apply<T>(DArray<T> x, bool single) => x.Transpose(axes);
    }

    /// <summary><c>x[..., start:stop:step, ...]</c> along one axis.</summary>
    public sealed class Select(int axis, int? start, int? stop, int step)
        : PropertyStep($"x[axis {axis}: {start}:{stop}:{step}]")
    {
        protected override IDArray Apply<T>(DArray<T> x, bool single) =>
            x[[.. Enumerable.Range(0, x.Rank).Select(a => a == axis ? Slice.Of(start, stop, step) : Slice.All)]];
    }

    /// <summary>The array as 1-D.</summary>
    public sealed class Flatten() : PropertyStep("x.Reshape(-1)")
    {
        protected override IDArray Apply<T>(DArray<T> x, bool single) => x.Reshape(-1);
    }

    /// <summary>Other chunks; the one-block reference stays one block.</summary>
    public sealed class Rechunk(int[][] chunks)
        : PropertyStep($"x.Rechunk(({string.Join(", ", chunks.Select(c => $"({string.Join(", ", c)})"))}))")
    {
        protected override IDArray Apply<T>(DArray<T> x, bool single) => single ? x : x.Rechunk(chunks);
    }

    /// <summary><c>concatenate([x, x[::-1]])</c>: the array and its reversed view along axis 0.</summary>
    public sealed class ConcatReversed() : PropertyStep("concatenate(x, x[::-1])")
    {
        protected override IDArray Apply<T>(DArray<T> x, bool single) => DArray.Concatenate([x, x[Slice.Of(null, null, -1)]]);
    }

    /// <summary>A new axis of size 1.</summary>
    public sealed class ExpandDims(int axis) : PropertyStep($"x.ExpandDims({axis})")
    {
        protected override IDArray Apply<T>(DArray<T> x, bool single) => x.ExpandDims(axis);
    }

    /// <summary>The elements that are not zero (NumPy's <c>x[x != 0]</c>): 1-D, with unknown chunk sizes.</summary>
    public sealed class Mask() : PropertyStep("x[x != 0]", continuous: false)
    {
        protected override IDArray Apply<T>(DArray<T> x, bool single) => x[x.Ne(T.Zero)];
    }

    /// <summary>A reduction over all axes (<paramref name="axis"/> null) or one, keeping it or not.</summary>
    public sealed class Reduce(string op, int? axis, bool keepDims, bool exact, bool continuous)
        : PropertyStep($"x.{op}({(axis is { } a ? $"axis: {a}, keepDims: {keepDims}" : "")})", exact, continuous)
    {
        protected override IDArray Apply<T>(DArray<T> x, bool single)
        {
            if (axis is not { } a)
            {
                return op switch
                {
                    "Sum" => x.Sum().AsArray(),
                    "Mean" => x.Mean().AsArray(),
                    "Prod" => x.Prod().AsArray(),
                    "Max" => x.Max().AsArray(),
                    "Min" => x.Min().AsArray(),
                    "Var" => x.Var().AsArray(),
                    "Std" => x.Std(ddof: 0).AsArray(),
                    "ArgMax" => x.ArgMax().AsArray(),
                    "Any" => x.Any().AsArray(),
                    _ => x.All().AsArray(),
                };
            }

            return op switch
            {
                "Sum" => x.Sum(a, keepDims),
                "Mean" => x.Mean(a, keepDims),
                "Prod" => x.Prod(a, keepDims),
                "Max" => x.Max(a, keepDims),
                "Min" => x.Min(a, keepDims),
                "Var" => x.Var(a, keepDims),
                "Std" => x.Std(a, keepDims),
                "ArgMax" => x.ArgMax(a, keepDims),
                "Any" => x.Any(a, keepDims),
                _ => x.All(a, keepDims),
            };
        }
    }

    /// <summary>A cumulative sum or product along an axis.</summary>
    public sealed class Cumulative(string op, int axis, bool exact) : PropertyStep($"x.{op}({axis})", exact)
    {
        protected override IDArray Apply<T>(DArray<T> x, bool single) => op == "CumSum" ? x.CumSum(axis) : x.CumProd(axis);
    }

    /// <summary>The matrix product with another array <c>(k, m)</c>.</summary>
    public sealed class MatMul(PropertyOperand y, bool exact) : PropertyStep($"x.MatMul(y[{y}])", exact)
    {
        protected override IDArray Apply<T>(DArray<T> x, bool single) => x.MatMul(y.Build<T>(single));
    }
}

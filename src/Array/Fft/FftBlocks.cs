using MathNet.Numerics.IntegralTransforms;
using MiniDask.Graph;
using MiniDask.Kernels;
using SystemComplex = System.Numerics.Complex;

namespace MiniDask.Array;

/// <summary>
/// The per-block discrete Fourier transforms behind <see cref="Fft"/>: every lane of a block
/// along one axis goes through MathNet.Numerics' FFT (Bluestein's algorithm for lengths that are
/// not powers of two), cut or zero-padded to the transform length first, as NumPy does. The
/// transforms run unscaled and the scaling of the norm is applied after, so every norm shares
/// one path. Registered as <c>array.fft.complex128</c>, <c>array.rfft.float64</c> and
/// <c>array.irfft.complex128</c> (called from <see cref="ArrayOps"/>' module initializer).
/// </summary>
internal static class FftBlocks
{
    /// <summary>The complex-to-complex op: <c>(block, int axis, int n, bool inverse, string norm)</c>.</summary>
    public static readonly string ComplexOp = ArrayNode.Op("fft", "complex128");

    /// <summary>The real-to-complex op: <c>(block, int axis, int n, string norm)</c>, keeping <c>n/2 + 1</c> frequencies.</summary>
    public static readonly string RealOp = ArrayNode.Op("rfft", "float64");

    /// <summary>The complex-to-real op: <c>(block, int axis, int n, string norm)</c>, from <c>n/2 + 1</c> Hermitian frequencies.</summary>
    public static readonly string InverseRealOp = ArrayNode.Op("irfft", "complex128");

    /// <summary>Registers the three ops; idempotent like <see cref="OpRegistry.Register"/>.</summary>
    public static void Register()
    {
        OpRegistry.Register(ComplexOp, args => Complex((NDArray<Complex128>)args[0]!, (int)args[1]!, (int)args[2]!, (bool)args[3]!, (string)args[4]!));
        OpRegistry.Register(RealOp, args => Real((NDArray<double>)args[0]!, (int)args[1]!, (int)args[2]!, (string)args[3]!));
        OpRegistry.Register(InverseRealOp, args => InverseReal((NDArray<Complex128>)args[0]!, (int)args[1]!, (int)args[2]!, (string)args[3]!));
    }

    /// <summary>The <paramref name="n"/>-point transform (inverse when <paramref name="inverse"/>) of every lane along <paramref name="axis"/>.</summary>
    public static NDArray<Complex128> Complex(NDArray<Complex128> x, int axis, int n, bool inverse, string norm)
    {
        var scale = Scale(norm, n, inverse);
        var lane = new SystemComplex[n];
        return Lanes<Complex128, Complex128>(x, axis, n, (source, read, write) =>
        {
            var copied = Math.Min(read.Length, n);
            for (var k = 0; k < n; k++)
            {
                lane[k] = k < copied ? source[read[k]] : SystemComplex.Zero;
            }

            Transform(lane, inverse);
            for (var k = 0; k < n; k++)
            {
                write(k, lane[k] * scale);
            }
        });
    }

    /// <summary>The first <c>n/2 + 1</c> frequencies of the <paramref name="n"/>-point transform of every real lane along <paramref name="axis"/>.</summary>
    public static NDArray<Complex128> Real(NDArray<double> x, int axis, int n, string norm)
    {
        var scale = Scale(norm, n, inverse: false);
        var lane = new SystemComplex[n];
        var kept = (n / 2) + 1;
        return Lanes<double, Complex128>(x, axis, kept, (source, read, write) =>
        {
            var copied = Math.Min(read.Length, n);
            for (var k = 0; k < n; k++)
            {
                lane[k] = k < copied ? source[read[k]] : 0.0;
            }

            Transform(lane, inverse: false);
            for (var k = 0; k < kept; k++)
            {
                write(k, lane[k] * scale);
            }
        });
    }

    /// <summary>
    /// The real <paramref name="n"/>-point inverse transform of every lane along <paramref name="axis"/>,
    /// read as the first <c>n/2 + 1</c> frequencies of a Hermitian spectrum (missing ones are zero;
    /// the imaginary parts of the zero and Nyquist frequencies do not count, as in NumPy).
    /// </summary>
    public static NDArray<double> InverseReal(NDArray<Complex128> x, int axis, int n, string norm)
    {
        var scale = Scale(norm, n, inverse: true);
        var lane = new SystemComplex[n];
        var half = (n / 2) + 1;
        return Lanes<Complex128, double>(x, axis, n, (source, read, write) =>
        {
            var copied = Math.Min(read.Length, half);
            for (var k = 0; k < half; k++)
            {
                lane[k] = k < copied ? source[read[k]] : SystemComplex.Zero;
            }

            // The upper half mirrors the lower: X[n - k] = conj(X[k]).
            for (var k = half; k < n; k++)
            {
                lane[k] = SystemComplex.Conjugate(lane[n - k]);
            }

            // The imaginary parts of X[0] (and X[n/2]) only add an imaginary part to the result, which is dropped.
            Transform(lane, inverse: true);
            for (var k = 0; k < n; k++)
            {
                write(k, lane[k].Real * scale);
            }
        });
    }

    /// <summary>The factor the norm applies to an <paramref name="n"/>-point transform in that direction (NumPy's <c>norm</c>).</summary>
    /// <exception cref="ArgumentException">The norm is not backward, ortho or forward.</exception>
    public static double Scale(string norm, int n, bool inverse) => norm switch
    {
        "backward" => inverse ? 1.0 / n : 1.0,
        "ortho" => 1.0 / Math.Sqrt(n),
        "forward" => inverse ? 1.0 : 1.0 / n,
        _ => throw new ArgumentException($"Invalid FFT norm '{norm}'; expected \"backward\", \"ortho\" or \"forward\".", nameof(norm)),
    };

    private static void Transform(SystemComplex[] lane, bool inverse)
    {
        if (lane.Length == 1)
        {
            return;
        }

        if (inverse)
        {
            Fourier.Inverse(lane, FourierOptions.NoScaling);
        }
        else
        {
            Fourier.Forward(lane, FourierOptions.NoScaling);
        }
    }

    /// <summary>
    /// A block like <paramref name="x"/> with <paramref name="axis"/> <paramref name="outLength"/>
    /// long, filled lane by lane: <paramref name="lane"/> gets the source span, the indices of the
    /// lane's elements in it, and a writer of the output lane's elements.
    /// </summary>
    private static NDArray<TOut> Lanes<TIn, TOut>(NDArray<TIn> x, int axis, int outLength, LaneAction<TIn, TOut> lane)
        where TIn : unmanaged, System.Numerics.INumber<TIn>
        where TOut : unmanaged, System.Numerics.INumber<TOut>
    {
        var shape = x.Shape.ToArray();
        var m = shape[axis];
        var outShape = (int[])shape.Clone();
        outShape[axis] = outLength;
        var result = NDArray<TOut>.CreateUninitialized(outShape);
        var outer = Shapes.ElementCount(shape.AsSpan(0, axis));
        var inner = Shapes.ElementCount(shape.AsSpan(axis + 1));
        var source = x.Data;
        var destination = result.Data;
        var read = new int[m];
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                for (var k = 0; k < m; k++)
                {
                    read[k] = (((o * m) + k) * inner) + i;
                }

                var start = (o * outLength * inner) + i;
                lane(source, read, (k, value) => destination[start + (k * inner)] = TOut.CreateTruncating(value));
            }
        }

        return result;
    }

    private delegate void LaneAction<TIn, TOut>(TIn[] source, int[] read, Action<int, SystemComplex> write)
        where TIn : unmanaged, System.Numerics.INumber<TIn>
        where TOut : unmanaged, System.Numerics.INumber<TOut>;
}

using System.Numerics;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// The discrete Fourier transforms of Dask's <c>da.fft</c>, with NumPy's signatures: a length
/// <c>n</c> (or lengths <c>s</c>) that cuts or zero-pads the input, the axis (or axes), and the
/// norm <c>"backward"</c> (the default: the inverse scales by <c>1/n</c>), <c>"ortho"</c>
/// (both by <c>1/sqrt(n)</c>) or <c>"forward"</c> (the forward transform scales by <c>1/n</c>).
/// Real input becomes complex128. Every transformed axis must be one chunk, as in Dask; the
/// other axes keep their chunks and each block is transformed by a task of its own. NumPy's
/// one-dimensional <c>fft</c> is <see cref="DArray.Fft{T}(DArray{T}, int?, int, string?)"/>
/// (<c>x.Fft()</c>), since a C# class cannot have a member named as itself.
/// </summary>
public static partial class Fft
{
    /// <summary>The inverse one-dimensional transform along <paramref name="axis"/> (NumPy's <c>ifft</c>).</summary>
    /// <inheritdoc cref="DArray.Fft{T}(DArray{T}, int?, int, string?)" path="/param"/>
    /// <exception cref="ArgumentException">The axis has several chunks, <paramref name="n"/> is below 1, or the norm is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public static DArray<Complex128> Ifft<T>(DArray<T> x, int? n = null, int axis = -1, string? norm = null)
        where T : unmanaged, INumber<T> => Complex("Ifft", x, n, axis, norm, inverse: true);

    /// <summary>The two-dimensional transform over <paramref name="axes"/>, the last two by default (NumPy's <c>fft2</c>).</summary>
    /// <inheritdoc cref="Fftn{T}(DArray{T}, int[], int[], string?)" path="/param"/>
    /// <inheritdoc cref="Fftn{T}(DArray{T}, int[], int[], string?)" path="/exception"/>
    public static DArray<Complex128> Fft2<T>(DArray<T> x, int[]? s = null, int[]? axes = null, string? norm = null)
        where T : unmanaged, INumber<T> => ComplexN("Fft2", x, s, axes ?? [-2, -1], norm, inverse: false);

    /// <summary>The inverse two-dimensional transform over <paramref name="axes"/>, the last two by default (NumPy's <c>ifft2</c>).</summary>
    /// <inheritdoc cref="Fftn{T}(DArray{T}, int[], int[], string?)" path="/param"/>
    /// <inheritdoc cref="Fftn{T}(DArray{T}, int[], int[], string?)" path="/exception"/>
    public static DArray<Complex128> Ifft2<T>(DArray<T> x, int[]? s = null, int[]? axes = null, string? norm = null)
        where T : unmanaged, INumber<T> => ComplexN("Ifft2", x, s, axes ?? [-2, -1], norm, inverse: true);

    /// <summary>
    /// The n-dimensional transform over <paramref name="axes"/> (NumPy's <c>fftn</c>): every axis by
    /// default, or the last <c>len(s)</c> when only <paramref name="s"/> is given.
    /// </summary>
    /// <param name="x">The array; real arrays are converted to complex128.</param>
    /// <param name="s">The transform length along each axis (input cut or zero-padded); by default each axis's size.</param>
    /// <param name="axes">The axes to transform.</param>
    /// <param name="norm"><c>"backward"</c> (default), <c>"ortho"</c> or <c>"forward"</c>.</param>
    /// <exception cref="ArgumentException">An axis has several chunks, <paramref name="s"/> and <paramref name="axes"/> differ in length, a length is below 1, or the norm is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>.</exception>
    public static DArray<Complex128> Fftn<T>(DArray<T> x, int[]? s = null, int[]? axes = null, string? norm = null)
        where T : unmanaged, INumber<T> => ComplexN("Fftn", x, s, axes, norm, inverse: false);

    /// <summary>The inverse n-dimensional transform over <paramref name="axes"/> (NumPy's <c>ifftn</c>).</summary>
    /// <inheritdoc cref="Fftn{T}(DArray{T}, int[], int[], string?)" path="/param"/>
    /// <inheritdoc cref="Fftn{T}(DArray{T}, int[], int[], string?)" path="/exception"/>
    public static DArray<Complex128> Ifftn<T>(DArray<T> x, int[]? s = null, int[]? axes = null, string? norm = null)
        where T : unmanaged, INumber<T> => ComplexN("Ifftn", x, s, axes, norm, inverse: true);

    /// <summary>
    /// The transform of real input along <paramref name="axis"/>, keeping the <c>n/2 + 1</c>
    /// non-negative frequencies (NumPy's <c>rfft</c>).
    /// </summary>
    /// <param name="x">The real array (integers and booleans are converted to float64).</param>
    /// <param name="n">The transform length (input cut or zero-padded); by default the axis's size.</param>
    /// <param name="axis">The axis to transform; the last by default.</param>
    /// <param name="norm"><c>"backward"</c> (default), <c>"ortho"</c> or <c>"forward"</c>.</param>
    /// <exception cref="ArgumentException">The axis has several chunks, <paramref name="n"/> is below 1, or the norm is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="NotSupportedException">The array is complex (NumPy refuses it too).</exception>
    public static DArray<Complex128> Rfft<T>(DArray<T> x, int? n = null, int axis = -1, string? norm = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var a = Shapes.NormalizeAxis(axis, x.Rank);
        return RealForward("Rfft", x, [n ?? x.Shape[a]], [a], norm);
    }

    /// <summary>
    /// The inverse of <see cref="Rfft{T}"/>: <paramref name="x"/> along <paramref name="axis"/> holds
    /// the non-negative frequencies of a Hermitian spectrum, and the result is the real signal of
    /// <paramref name="n"/> points, by default <c>2·(m - 1)</c> for <c>m</c> input points (NumPy's <c>irfft</c>).
    /// </summary>
    /// <inheritdoc cref="Rfft{T}(DArray{T}, int?, int, string?)" path="/param"/>
    /// <exception cref="ArgumentException">The axis has several chunks, the length is below 1, or the norm is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public static DArray<double> Irfft<T>(DArray<T> x, int? n = null, int axis = -1, string? norm = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var a = Shapes.NormalizeAxis(axis, x.Rank);
        return RealInverse("Irfft", x, [n ?? (2 * (x.Shape[a] - 1))], [a], norm);
    }

    /// <summary>The two-dimensional transform of real input over <paramref name="axes"/>, the last two by default (NumPy's <c>rfft2</c>).</summary>
    /// <inheritdoc cref="Rfftn{T}(DArray{T}, int[], int[], string?)" path="/param"/>
    /// <inheritdoc cref="Rfftn{T}(DArray{T}, int[], int[], string?)" path="/exception"/>
    public static DArray<Complex128> Rfft2<T>(DArray<T> x, int[]? s = null, int[]? axes = null, string? norm = null)
        where T : unmanaged, INumber<T> => Rfftn(x, s, axes ?? [-2, -1], norm);

    /// <summary>
    /// The n-dimensional transform of real input (NumPy's <c>rfftn</c>): a real transform along the
    /// last of <paramref name="axes"/> (keeping <c>s[-1]/2 + 1</c> frequencies), then complex ones along the others.
    /// </summary>
    /// <param name="x">The real array (integers and booleans are converted to float64).</param>
    /// <param name="s">The transform length along each axis; by default each axis's size.</param>
    /// <param name="axes">The axes to transform; every axis by default, or the last <c>len(s)</c>.</param>
    /// <param name="norm"><c>"backward"</c> (default), <c>"ortho"</c> or <c>"forward"</c>.</param>
    /// <exception cref="ArgumentException">An axis has several chunks, <paramref name="s"/> and <paramref name="axes"/> differ in length, a length is below 1, or the norm is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>.</exception>
    /// <exception cref="NotSupportedException">The array is complex.</exception>
    public static DArray<Complex128> Rfftn<T>(DArray<T> x, int[]? s = null, int[]? axes = null, string? norm = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var (lengths, normalized) = FftLayers.Cook("Rfftn", x.ShapeArray, s, axes, inverseReal: false);
        return RealForward("Rfftn", x, lengths, normalized, norm);
    }

    /// <summary>The inverse of <see cref="Rfft2{T}"/> over <paramref name="axes"/>, the last two by default (NumPy's <c>irfft2</c>).</summary>
    /// <inheritdoc cref="Irfftn{T}(DArray{T}, int[], int[], string?)" path="/param"/>
    /// <inheritdoc cref="Irfftn{T}(DArray{T}, int[], int[], string?)" path="/exception"/>
    public static DArray<double> Irfft2<T>(DArray<T> x, int[]? s = null, int[]? axes = null, string? norm = null)
        where T : unmanaged, INumber<T> => Irfftn(x, s, axes ?? [-2, -1], norm);

    /// <summary>
    /// The inverse of <see cref="Rfftn{T}"/> (NumPy's <c>irfftn</c>): complex inverse transforms
    /// along all but the last of <paramref name="axes"/>, then a real one along the last, whose
    /// output length is <c>s[-1]</c>, by default <c>2·(m - 1)</c>.
    /// </summary>
    /// <param name="x">The half spectrum.</param>
    /// <param name="s">The output length along each axis.</param>
    /// <param name="axes">The axes to transform; every axis by default, or the last <c>len(s)</c>.</param>
    /// <param name="norm"><c>"backward"</c> (default), <c>"ortho"</c> or <c>"forward"</c>.</param>
    /// <exception cref="ArgumentException">An axis has several chunks, <paramref name="s"/> and <paramref name="axes"/> differ in length, a length is below 1, or the norm is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An axis is outside <c>[-rank, rank)</c>.</exception>
    public static DArray<double> Irfftn<T>(DArray<T> x, int[]? s = null, int[]? axes = null, string? norm = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var (lengths, normalized) = FftLayers.Cook("Irfftn", x.ShapeArray, s, axes, inverseReal: true);
        return RealInverse("Irfftn", x, lengths, normalized, norm);
    }

    /// <summary>
    /// The transform of a signal with Hermitian symmetry, given by its non-negative frequencies,
    /// which is real: <c>irfft(conj(x), n)</c> with the norm's direction swapped (NumPy's <c>hfft</c>);
    /// <paramref name="n"/> defaults to <c>2·(m - 1)</c>.
    /// </summary>
    /// <inheritdoc cref="Irfft{T}(DArray{T}, int?, int, string?)" path="/param"/>
    /// <inheritdoc cref="Irfft{T}(DArray{T}, int?, int, string?)" path="/exception"/>
    public static DArray<double> Hfft<T>(DArray<T> x, int? n = null, int axis = -1, string? norm = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var a = Shapes.NormalizeAxis(axis, x.Rank);
        return RealInverse("Hfft", DArray.Conj(x.AsType<Complex128>()), [n ?? (2 * (x.Shape[a] - 1))], [a], FftLayers.Swap(norm ?? FftLayers.DefaultNorm));
    }

    /// <summary>The inverse of <see cref="Hfft{T}"/> for real input: <c>conj(rfft(x, n))</c> with the norm's direction swapped (NumPy's <c>ihfft</c>).</summary>
    /// <inheritdoc cref="Rfft{T}(DArray{T}, int?, int, string?)" path="/param"/>
    /// <inheritdoc cref="Rfft{T}(DArray{T}, int?, int, string?)" path="/exception"/>
    public static DArray<Complex128> Ihfft<T>(DArray<T> x, int? n = null, int axis = -1, string? norm = null)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var a = Shapes.NormalizeAxis(axis, x.Rank);
        return DArray.Conj(RealForward("Ihfft", x, [n ?? x.Shape[a]], [a], FftLayers.Swap(norm ?? FftLayers.DefaultNorm)));
    }

    /// <summary>The one-dimensional complex transform shared by <c>Fft</c> and <see cref="Ifft{T}"/>.</summary>
    internal static DArray<Complex128> Complex<T>(string transform, DArray<T> x, int? n, int axis, string? norm, bool inverse)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var a = Shapes.NormalizeAxis(axis, x.Rank);
        return ComplexAlong(transform, x.AsType<Complex128>(), [FftLayers.Length(transform, n ?? x.Shape[a], a)], [a], norm, inverse);
    }

    private static DArray<Complex128> ComplexN<T>(string transform, DArray<T> x, int[]? s, int[]? axes, string? norm, bool inverse)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var (lengths, normalized) = FftLayers.Cook(transform, x.ShapeArray, s, axes, inverseReal: false);
        return ComplexAlong(transform, x.AsType<Complex128>(), lengths, normalized, norm, inverse);
    }

    /// <summary>Complex transforms along each axis, the last first (as NumPy's <c>_raw_fftnd</c>).</summary>
    private static DArray<Complex128> ComplexAlong(string transform, DArray<Complex128> x, int[] lengths, int[] axes, string? norm, bool inverse)
    {
        var scaling = norm ?? FftLayers.DefaultNorm;
        FftLayers.Check(transform, x.Node, axes, scaling);
        var node = x.Node;
        for (var i = axes.Length - 1; i >= 0; i--)
        {
            node = FftLayers.Along(node, inverse ? "ifft" : "fft", FftBlocks.ComplexOp, "complex128", axes[i], lengths[i], axes[i], lengths[i], inverse, scaling);
        }

        return DArray<Complex128>.FromNode(node);
    }

    private static DArray<Complex128> RealForward<T>(string transform, DArray<T> x, int[] lengths, int[] axes, string? norm)
        where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(Complex128))
        {
            throw new NotSupportedException($"{transform} takes real input, not complex128; use Fft for complex input, or take Real() first.");
        }

        var scaling = norm ?? FftLayers.DefaultNorm;
        var source = x.AsType<double>();
        FftLayers.Check(transform, source.Node, axes, scaling);
        for (var i = 0; i < lengths.Length; i++)
        {
            FftLayers.Length(transform, lengths[i], axes[i]);
        }

        var last = axes[^1];
        var node = FftLayers.Along(source.Node, "rfft", FftBlocks.RealOp, "complex128", last, (lengths[^1] / 2) + 1, last, lengths[^1], scaling);
        return ComplexAlong(transform, DArray<Complex128>.FromNode(node), lengths[..^1], axes[..^1], scaling, inverse: false);
    }

    private static DArray<double> RealInverse<T>(string transform, DArray<T> x, int[] lengths, int[] axes, string? norm)
        where T : unmanaged, INumber<T>
    {
        var scaling = norm ?? FftLayers.DefaultNorm;
        var source = x.AsType<Complex128>();
        FftLayers.Check(transform, source.Node, axes, scaling);
        for (var i = 0; i < lengths.Length; i++)
        {
            FftLayers.Length(transform, lengths[i], axes[i]);
        }

        var spectrum = ComplexAlong(transform, source, lengths[..^1], axes[..^1], scaling, inverse: true);
        var last = axes[^1];
        return DArray<double>.FromNode(FftLayers.Along(spectrum.Node, "irfft", FftBlocks.InverseRealOp, "float64", last, lengths[^1], last, lengths[^1], scaling));
    }
}

/// <summary>
/// The one-dimensional forward transform, <c>x.Fft()</c> or <c>DArray.Fft(x)</c>: NumPy's
/// <c>np.fft.fft</c>, which C# cannot spell <c>Fft.Fft</c> (a class may not have a member of its own name).
/// </summary>
public static partial class DArray
{
    /// <summary>The one-dimensional discrete Fourier transform along <paramref name="axis"/> (NumPy's <c>fft</c>).</summary>
    /// <param name="x">The array; real arrays are converted to complex128.</param>
    /// <param name="n">The transform length (input cut or zero-padded); by default the axis's size.</param>
    /// <param name="axis">The axis to transform; the last by default.</param>
    /// <param name="norm"><c>"backward"</c> (default), <c>"ortho"</c> or <c>"forward"</c>.</param>
    /// <exception cref="ArgumentException">The axis has several chunks, <paramref name="n"/> is below 1, or the norm is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside <c>[-rank, rank)</c>.</exception>
    public static DArray<Complex128> Fft<T>(this DArray<T> x, int? n = null, int axis = -1, string? norm = null)
        where T : unmanaged, INumber<T> => Array.Fft.Complex("Fft", x, n, axis, norm, inverse: false);
}

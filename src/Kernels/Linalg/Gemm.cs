using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>
/// Matrix multiply of dense blocks. float64 and float32 go through a native BLAS from the
/// operating system when one is found (OpenBLAS <c>libopenblas.so.0</c>, or any
/// <c>libblas.so.3</c> exporting CBLAS), else through a managed cache-blocked SIMD kernel;
/// int32 and int64 always use the managed kernel. <see cref="Backend"/> says which is used.
/// </summary>
/// <remarks>
/// The environment variable <c>MINIDASK_BLAS</c> chooses at start-up: <c>managed</c> forces the
/// managed kernel, a library name or path is tried instead of the usual names.
/// <see cref="ForceManaged"/> switches at run time.
/// </remarks>
public static partial class Gemm
{
    /// <summary>The environment variable read once at first use.</summary>
    public const string EnvironmentVariable = "MINIDASK_BLAS";

    private static readonly Lazy<NativeBlas?> Native = new(LoadNative);
    private static volatile bool forceManaged = string.Equals(
        Environment.GetEnvironmentVariable(EnvironmentVariable), "managed", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The backend float64 and float32 products use now: <c>openblas (libopenblas.so.0)</c>,
    /// <c>blas (libblas.so.3)</c> or <c>managed</c>.
    /// </summary>
    public static string Backend => Current.Name;

    /// <summary>Whether a native BLAS was found, whether or not it is in use.</summary>
    public static bool NativeAvailable => Native.Value is not null;

    /// <summary>
    /// Whether to use the managed kernel even when a native BLAS is found. Process-wide; starts
    /// as true when <c>MINIDASK_BLAS=managed</c>.
    /// </summary>
    public static bool ForceManaged
    {
        get => forceManaged;
        set => forceManaged = value;
    }

    /// <summary>
    /// Lets each native BLAS call use <paramref name="threads"/> threads (OpenBLAS only). Block
    /// products run one per core under the schedulers, so the default is 1; a single large product
    /// outside any scheduler wants every core.
    /// </summary>
    /// <returns>Whether the native library took the setting.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is less than 1.</exception>
    public static bool SetNativeThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        return Native.Value?.TrySetThreads(threads) ?? false;
    }

    private static IGemmBackend Current => !forceManaged && Native.Value is { } native ? native : ManagedGemm.Instance;

    /// <summary>The matrix product of two 2-D arrays: <c>(m, k) · (k, n) → (m, n)</c>.</summary>
    /// <exception cref="ArgumentException">An operand is not 2-D, or the inner sizes differ; the message names both shapes.</exception>
    public static NDArray<T> Multiply<T>(NDArray<T> a, NDArray<T> b)
        where T : unmanaged, INumber<T>
    {
        var (m, n, k) = CheckShapes(a, b);
        var c = NDArray<T>.CreateUninitialized([m, n]);
        Multiply(m, n, k, a.Span, k, b.Span, n, c.Span, n, accumulate: false);
        return c;
    }

    /// <summary>Adds the product of two 2-D arrays to <paramref name="c"/>: <c>c += a · b</c>.</summary>
    /// <exception cref="ArgumentException">The shapes do not fit <c>(m, k) · (k, n) → (m, n)</c>; the message names them.</exception>
    public static void MultiplyAdd<T>(NDArray<T> a, NDArray<T> b, NDArray<T> c)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(c);
        var (m, n, k) = CheckShapes(a, b);
        if (c.Rank != 2 || c.Shape[0] != m || c.Shape[1] != n)
        {
            throw new ArgumentException(
                $"The accumulator has shape {Shapes.Format(c.Shape)} but the product of {Shapes.Format(a.Shape)} and {Shapes.Format(b.Shape)} has shape ({m}, {n}).",
                nameof(c));
        }

        Multiply(m, n, k, a.Span, k, b.Span, n, c.Span, n, accumulate: true);
    }

    /// <summary>
    /// The raw row-major product on spans: <c>C = A·B</c>, or <c>C += A·B</c> when
    /// <paramref name="accumulate"/>. <c>A</c> is <paramref name="m"/> × <paramref name="k"/> with
    /// row stride <paramref name="lda"/>; <c>B</c> is <paramref name="k"/> × <paramref name="n"/>
    /// with row stride <paramref name="ldb"/>; <c>C</c> is <paramref name="m"/> × <paramref name="n"/>
    /// with row stride <paramref name="ldc"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A size or stride is negative, or a span is too short for its matrix.</exception>
    public static void Multiply<T>(int m, int n, int k, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, bool accumulate)
        where T : unmanaged, INumber<T>
    {
        CheckMatrix("A", a.Length, m, k, lda);
        CheckMatrix("B", b.Length, k, n, ldb);
        CheckMatrix("C", c.Length, m, n, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }

        if (typeof(T) == typeof(double))
        {
            Current.Dgemm(m, n, k, Cast<T, double>(a), lda, Cast<T, double>(b), ldb, Cast<T, double>(c), ldc, accumulate);
        }
        else if (typeof(T) == typeof(float))
        {
            Current.Sgemm(m, n, k, Cast<T, float>(a), lda, Cast<T, float>(b), ldb, Cast<T, float>(c), ldc, accumulate);
        }
        else if (typeof(T) == typeof(Complex128))
        {
            // System.Numerics vectors do not hold complex numbers: a plain i-p-j loop, row by row.
            ScalarMultiply(m, n, k, a, lda, b, ldb, c, ldc, accumulate);
        }
        else
        {
            ManagedGemm.Multiply(m, n, k, a, lda, b, ldb, c, ldc, accumulate);
        }
    }

    private static void ScalarMultiply<T>(int m, int n, int k, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, bool accumulate)
        where T : unmanaged, INumber<T>
    {
        for (var i = 0; i < m; i++)
        {
            var row = c.Slice(i * ldc, n);
            if (!accumulate)
            {
                row.Fill(T.Zero);
            }

            for (var p = 0; p < k; p++)
            {
                var aip = a[(i * lda) + p];
                var bRow = b.Slice(p * ldb, n);
                for (var j = 0; j < n; j++)
                {
                    row[j] += aip * bRow[j];
                }
            }
        }
    }

    private static (int M, int N, int K) CheckShapes<T>(NDArray<T> a, NDArray<T> b)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank != 2 || b.Rank != 2 || a.Shape[1] != b.Shape[0])
        {
            throw new ArgumentException(
                $"Cannot multiply matrices of shapes {Shapes.Format(a.Shape)} and {Shapes.Format(b.Shape)}: both must be 2-D and the first's columns must equal the second's rows.");
        }

        return (a.Shape[0], b.Shape[1], a.Shape[1]);
    }

    private static void CheckMatrix(string which, int length, int rows, int cols, int stride)
    {
        if (rows < 0 || cols < 0 || stride < cols || (rows > 0 && cols > 0 && length < ((rows - 1) * (long)stride) + cols))
        {
            throw new ArgumentException(
                $"Matrix {which} of {rows} x {cols} with row stride {stride} does not fit its span of {length} elements (sizes must be >= 0, the stride >= the columns).");
        }
    }

    private static ReadOnlySpan<TTo> Cast<TFrom, TTo>(ReadOnlySpan<TFrom> span)
        where TFrom : unmanaged
        where TTo : unmanaged => System.Runtime.InteropServices.MemoryMarshal.Cast<TFrom, TTo>(span);

    private static Span<TTo> Cast<TFrom, TTo>(Span<TFrom> span)
        where TFrom : unmanaged
        where TTo : unmanaged => System.Runtime.InteropServices.MemoryMarshal.Cast<TFrom, TTo>(span);

    private static NativeBlas? LoadNative()
    {
        var setting = Environment.GetEnvironmentVariable(EnvironmentVariable);
        var preferred = string.IsNullOrWhiteSpace(setting) || setting.Equals("managed", StringComparison.OrdinalIgnoreCase) ? null : setting;
        return NativeBlas.TryLoad(preferred);
    }
}

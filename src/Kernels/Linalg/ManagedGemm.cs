using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;
using X86Fma = System.Runtime.Intrinsics.X86.Fma;

namespace MiniDask.Kernels;

/// <summary>
/// A cache-blocked GEMM in managed code (the GotoBLAS loop nest): panels of <c>B</c>
/// (<see cref="KC"/> × <see cref="NC"/>) and of <c>A</c> (<see cref="MC"/> × <see cref="KC"/>)
/// are packed so that a 6-row by two-vector micro-kernel streams through contiguous memory,
/// keeping its 12 accumulators in SIMD registers and using fused multiply-add where the CPU
/// has it. Used when no native BLAS is installed, and for integer element types.
/// </summary>
internal sealed class ManagedGemm : IGemmBackend
{
    /// <summary>Rows of <c>C</c> per micro-kernel call.</summary>
    private const int MR = 6;

    /// <summary>Depth of a packed panel: a micro-kernel's slice of <c>B</c> stays in L1.</summary>
    private const int KC = 256;

    /// <summary>Rows of a packed <c>A</c> block, sized to stay in L2.</summary>
    private const int MC = MR * 12;

    /// <summary>Columns of a packed <c>B</c> panel.</summary>
    private const int NC = 2048;

    private static readonly bool HardwareFma = X86Fma.IsSupported || AdvSimd.Arm64.IsSupported;

    /// <summary>The one instance.</summary>
    public static ManagedGemm Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "managed";

    /// <inheritdoc />
    public void Dgemm(int m, int n, int k, ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc, bool accumulate) =>
        Multiply(m, n, k, a, lda, b, ldb, c, ldc, accumulate);

    /// <inheritdoc />
    public void Sgemm(int m, int n, int k, ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, bool accumulate) =>
        Multiply(m, n, k, a, lda, b, ldb, c, ldc, accumulate);

    /// <summary><c>C = A·B</c> (or <c>C += A·B</c>) for any element type; see <see cref="IGemmBackend"/> for the layout.</summary>
    public static void Multiply<T>(int m, int n, int k, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc, bool accumulate)
        where T : unmanaged, INumber<T>
    {
        if (!accumulate)
        {
            for (var i = 0; i < m; i++)
            {
                c.Slice(i * ldc, n).Clear();
            }
        }

        if (m == 0 || n == 0 || k == 0)
        {
            return;
        }

        var nr = 2 * Vector<T>.Count;
        var nc = Math.Min(NC, RoundUp(n, nr));
        var packA = ArrayPool<T>.Shared.Rent(MC * KC);
        var packB = ArrayPool<T>.Shared.Rent(KC * nc);
        try
        {
            for (var jc = 0; jc < n; jc += nc)
            {
                var ncb = Math.Min(nc, n - jc);
                for (var pc = 0; pc < k; pc += KC)
                {
                    var kc = Math.Min(KC, k - pc);
                    PackB(b, ldb, pc, jc, kc, ncb, nr, packB);
                    for (var ic = 0; ic < m; ic += MC)
                    {
                        var mc = Math.Min(MC, m - ic);
                        PackA(a, lda, ic, pc, mc, kc, packA);
                        for (var jr = 0; jr < ncb; jr += nr)
                        {
                            ref var bPanel = ref packB[(jr / nr) * kc * nr];
                            for (var ir = 0; ir < mc; ir += MR)
                            {
                                ref var cTile = ref c[((ic + ir) * ldc) + jc + jr];
                                Kernel(ref packA[(ir / MR) * kc * MR], ref bPanel, kc, ref cTile, ldc, Math.Min(MR, mc - ir), Math.Min(nr, ncb - jr));
                            }
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(packA);
            ArrayPool<T>.Shared.Return(packB);
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    /// <summary>Packs <c>A[ic.., pc..]</c> into panels of <see cref="MR"/> rows, column by column, zero-padding the last panel.</summary>
    private static void PackA<T>(ReadOnlySpan<T> a, int lda, int ic, int pc, int mc, int kc, T[] dest)
        where T : unmanaged, INumber<T>
    {
        var o = 0;
        for (var ir = 0; ir < mc; ir += MR)
        {
            var rows = Math.Min(MR, mc - ir);
            for (var p = 0; p < kc; p++)
            {
                var i = 0;
                for (; i < rows; i++)
                {
                    dest[o + i] = a[((ic + ir + i) * lda) + pc + p];
                }

                for (; i < MR; i++)
                {
                    dest[o + i] = T.Zero;
                }

                o += MR;
            }
        }
    }

    /// <summary>Packs <c>B[pc.., jc..]</c> into panels of <paramref name="nr"/> columns, row by row, zero-padding the last panel.</summary>
    private static void PackB<T>(ReadOnlySpan<T> b, int ldb, int pc, int jc, int kc, int nc, int nr, T[] dest)
        where T : unmanaged, INumber<T>
    {
        var o = 0;
        for (var jr = 0; jr < nc; jr += nr)
        {
            var cols = Math.Min(nr, nc - jr);
            for (var p = 0; p < kc; p++)
            {
                b.Slice(((pc + p) * ldb) + jc + jr, cols).CopyTo(dest.AsSpan(o, cols));
                dest.AsSpan(o + cols, nr - cols).Clear();
                o += nr;
            }
        }
    }

    /// <summary>
    /// Adds the product of one packed <c>A</c> panel (<see cref="MR"/> rows) and one packed
    /// <c>B</c> panel (two vectors wide) to the <paramref name="rows"/> × <paramref name="cols"/>
    /// tile of <c>C</c> at <paramref name="c"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel<T>(ref T a, ref T b, int kc, ref T c, int ldc, int rows, int cols)
        where T : unmanaged, INumber<T>
    {
        var v = Vector<T>.Count;
        Vector<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (var p = 0; p < kc; p++)
        {
            var b0 = Vector.LoadUnsafe(ref b);
            var b1 = Vector.LoadUnsafe(ref b, (nuint)v);
            var x = new Vector<T>(a);
            c00 = Fma(x, b0, c00);
            c01 = Fma(x, b1, c01);
            x = new Vector<T>(Unsafe.Add(ref a, 1));
            c10 = Fma(x, b0, c10);
            c11 = Fma(x, b1, c11);
            x = new Vector<T>(Unsafe.Add(ref a, 2));
            c20 = Fma(x, b0, c20);
            c21 = Fma(x, b1, c21);
            x = new Vector<T>(Unsafe.Add(ref a, 3));
            c30 = Fma(x, b0, c30);
            c31 = Fma(x, b1, c31);
            x = new Vector<T>(Unsafe.Add(ref a, 4));
            c40 = Fma(x, b0, c40);
            c41 = Fma(x, b1, c41);
            x = new Vector<T>(Unsafe.Add(ref a, 5));
            c50 = Fma(x, b0, c50);
            c51 = Fma(x, b1, c51);
            a = ref Unsafe.Add(ref a, MR);
            b = ref Unsafe.Add(ref b, 2 * v);
        }

        if (rows == MR && cols == 2 * v)
        {
            AddRow(ref c, v, c00, c01);
            AddRow(ref Unsafe.Add(ref c, ldc), v, c10, c11);
            AddRow(ref Unsafe.Add(ref c, 2 * ldc), v, c20, c21);
            AddRow(ref Unsafe.Add(ref c, 3 * ldc), v, c30, c31);
            AddRow(ref Unsafe.Add(ref c, 4 * ldc), v, c40, c41);
            AddRow(ref Unsafe.Add(ref c, 5 * ldc), v, c50, c51);
            return;
        }

        // An edge tile: spill the accumulators and add only the part inside C.
        Span<T> tile = stackalloc T[MR * 2 * v];
        ref var t = ref tile[0];
        c00.StoreUnsafe(ref t, 0);
        c01.StoreUnsafe(ref t, (nuint)v);
        c10.StoreUnsafe(ref t, (nuint)(2 * v));
        c11.StoreUnsafe(ref t, (nuint)(3 * v));
        c20.StoreUnsafe(ref t, (nuint)(4 * v));
        c21.StoreUnsafe(ref t, (nuint)(5 * v));
        c30.StoreUnsafe(ref t, (nuint)(6 * v));
        c31.StoreUnsafe(ref t, (nuint)(7 * v));
        c40.StoreUnsafe(ref t, (nuint)(8 * v));
        c41.StoreUnsafe(ref t, (nuint)(9 * v));
        c50.StoreUnsafe(ref t, (nuint)(10 * v));
        c51.StoreUnsafe(ref t, (nuint)(11 * v));
        for (var i = 0; i < rows; i++)
        {
            ref var row = ref Unsafe.Add(ref c, i * ldc);
            for (var j = 0; j < cols; j++)
            {
                Unsafe.Add(ref row, j) += tile[(i * 2 * v) + j];
            }
        }
    }

    private static void AddRow<T>(ref T row, int v, Vector<T> left, Vector<T> right)
        where T : unmanaged, INumber<T>
    {
        (Vector.LoadUnsafe(ref row) + left).StoreUnsafe(ref row);
        (Vector.LoadUnsafe(ref row, (nuint)v) + right).StoreUnsafe(ref row, (nuint)v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Fma<T>(Vector<T> x, Vector<T> y, Vector<T> acc)
        where T : unmanaged, INumber<T>
    {
        if (HardwareFma && typeof(T) == typeof(double))
        {
            return Vector.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), acc.As<T, double>()).As<double, T>();
        }

        if (HardwareFma && typeof(T) == typeof(float))
        {
            return Vector.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), acc.As<T, float>()).As<float, T>();
        }

        return (x * y) + acc;
    }
}

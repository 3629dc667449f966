using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace MiniDask.Kernels.Accelerators.Ilgpu;

/// <summary>
/// The portable GEMM: each group computes a <see cref="Tile"/> × <see cref="Tile"/> block of the
/// row-major product, staging tiles of both operands in shared memory so each element is read
/// from device memory once per tile instead of once per product term: the GEMM of OpenCL devices
/// (and of CUDA where cuBLAS does not load). CUDA uses cuBLAS; ILGPU's CPU emulation uses
/// <see cref="Rows"/>, since it runs each thread of a group on its own and a group barrier there
/// costs far more than the reads the tiles save.
/// </summary>
internal static class GemmKernels
{
    /// <summary>The side of a tile, and of a group of threads.</summary>
    public const int Tile = 16;

    public static void Tiled<T>(
        ArrayView1D<T, Stride1D.Dense> a, ArrayView1D<T, Stride1D.Dense> b, ArrayView1D<T, Stride1D.Dense> c, int m, int n, int k, int accumulate)
        where T : unmanaged, INumber<T>
    {
        var tileA = SharedMemory.Allocate<T>(Tile * Tile);
        var tileB = SharedMemory.Allocate<T>(Tile * Tile);
        var (tx, ty) = (Group.IdxX, Group.IdxY);
        var col = (Grid.IdxX * Tile) + tx;
        var row = (Grid.IdxY * Tile) + ty;
        var sum = T.Zero;
        for (var t = 0; t < k; t += Tile)
        {
            tileA[(ty * Tile) + tx] = row < m && t + tx < k ? a[(row * k) + t + tx] : T.Zero;
            tileB[(ty * Tile) + tx] = t + ty < k && col < n ? b[((t + ty) * n) + col] : T.Zero;
            Group.Barrier();
            for (var i = 0; i < Tile; i++)
            {
                sum += tileA[(ty * Tile) + i] * tileB[(i * Tile) + tx];
            }

            Group.Barrier();
        }

        if (row < m && col < n)
        {
            var at = (row * n) + col;
            c[at] = accumulate != 0 ? c[at] + sum : sum;
        }
    }

    /// <summary>The columns of a row of <c>c</c> that <see cref="Rows"/> keeps hot while it streams rows of <c>b</c>.</summary>
    public const int Panel = 256;

    /// <summary>
    /// One thread per row of <c>c</c>, in a grid-stride loop, a panel of <see cref="Panel"/>
    /// columns at a time: for each <c>i</c> it adds <c>a[row, i]</c> times row <c>i</c> of
    /// <c>b</c>'s panel to the panel of <c>c</c>, so every read is sequential and the panels of
    /// <c>b</c> are shared by the threads working on other rows.
    /// </summary>
    public static void Rows<T>(
        ArrayView1D<T, Stride1D.Dense> a, ArrayView1D<T, Stride1D.Dense> b, ArrayView1D<T, Stride1D.Dense> c, int m, int n, int k, int accumulate)
        where T : unmanaged, INumber<T>
    {
        var stride = ElementwiseKernels.GridStride;
        for (var row = Grid.GlobalIndex.X; row < m; row += stride)
        {
            var (aRow, cRow) = (row * k, row * n);
            for (var start = 0; start < n; start += Panel)
            {
                var end = start + Panel < n ? start + Panel : n;
                if (accumulate == 0)
                {
                    for (var col = start; col < end; col++)
                    {
                        c[cRow + col] = T.Zero;
                    }
                }

                for (var i = 0; i < k; i++)
                {
                    var (factor, bRow) = (a[aRow + i], (i * n) - cRow);
                    for (var at = cRow + start; at < cRow + end; at++)
                    {
                        c[at] += factor * b[bRow + at];
                    }
                }
            }
        }
    }
}

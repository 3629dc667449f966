using System.Numerics;
using ILGPU;
using ILGPU.Algorithms;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace MiniDask.Kernels.Accelerators.Ilgpu;

/// <summary>
/// Block math as ILGPU kernels, the same C# for every ILGPU backend: its CPU accelerator
/// (<c>ilgpu-cpu</c>, emulated GPU threads, so every kernel runs in tests on any machine), CUDA
/// (<c>cuda:N</c>, GEMM through cuBLAS) and OpenCL (<c>opencl:N</c>). The kernels are generic over
/// the operator structs the host uses (<see cref="ElementwiseKernels"/>,
/// <see cref="ReductionKernels"/>, <see cref="GemmKernels"/>). Work goes on two ILGPU streams:
/// uploads on a copy stream, kernels and downloads on a compute stream, so an upload of the next
/// block proceeds while the current one is computed; a kernel first waits for the uploads
/// enqueued before it.
/// </summary>
public sealed class IlgpuAccelerator : Accelerator
{
    private readonly SharedAccelerator shared;
    private readonly ILGPU.Runtime.AcceleratorStream compute;
    private readonly ILGPU.Runtime.AcceleratorStream copy;
    private readonly IlgpuStream stream;
    private readonly CuBlas? blas;
    private bool uploadsPending;

    internal IlgpuAccelerator(Device device, SharedAccelerator shared)
        : base(device)
    {
        this.shared = shared;
        Ilgpu.Bind();
        compute = Ilgpu.CreateStream();
        copy = Ilgpu.CreateStream();
        stream = new IlgpuStream(this);
        if (Ilgpu is CudaAccelerator cuda)
        {
            blas = TryCuBlas(cuda, out var reason);
            GemmBackend = blas is null ? $"tiled shared-memory kernel ({reason})" : "cuBLAS";
        }
        else
        {
            GemmBackend = shared.IsCpu ? "row-panel kernel (the tiled kernel's group barriers are slow on the CPU emulation)" : "tiled shared-memory kernel";
        }
    }

    /// <summary>Which GEMM runs: <c>cuBLAS</c> on CUDA, a row-panel kernel on the CPU emulation, else the tiled shared-memory kernel (and why, where cuBLAS failed to load).</summary>
    public string GemmBackend { get; }

    /// <inheritdoc />
    public override AcceleratorStream DefaultStream => stream;

    /// <summary>How many ILGPU streams the accelerator enqueues on (uploads, and kernels with downloads).</summary>
    public int StreamCount => 2;

    private ILGPU.Runtime.Accelerator Ilgpu => shared.Accelerator;

    /// <summary>Waits for both streams.</summary>
    internal void SynchronizeStreams()
    {
        Ilgpu.Bind();
        copy.Synchronize();
        compute.Synchronize();
        uploadsPending = false;
    }

    /// <summary>Waits for the kernels that may still use memory about to be freed.</summary>
    internal void FinishBeforeFree()
    {
        if (!IsDisposed)
        {
            SynchronizeStreams();
        }
    }

    /// <inheritdoc />
    protected override DeviceBuffer<T> AllocateInternal<T>(int[] shape)
    {
        Ilgpu.Bind();
        var memory = Ilgpu.Allocate1D<T>(Math.Max(1, Shapes.ElementCount(shape)));
        return new IlgpuDeviceBuffer<T>(this, memory, shape);
    }

    /// <inheritdoc />
    protected override void CopyFromHostInternal<T>(DeviceBuffer<T> buffer, ReadOnlySpan<T> source)
    {
        if (source.IsEmpty)
        {
            return;
        }

        Ilgpu.Bind();
        View(buffer).SubView(0, source.Length).CopyFromCPU(copy, source);
        uploadsPending = true;
    }

    /// <inheritdoc />
    protected override void CopyToHostInternal<T>(DeviceBuffer<T> buffer, Memory<T> destination)
    {
        if (destination.IsEmpty)
        {
            return;
        }

        BeforeKernel();
        View(buffer).SubView(0, destination.Length).CopyToCPU(compute, destination.Span);
    }

    /// <inheritdoc />
    protected override void GemmInternal<T>(DeviceBuffer<T> a, DeviceBuffer<T> b, DeviceBuffer<T> c, int m, int n, int k, bool accumulate)
    {
        BeforeKernel();
        if (blas is not null)
        {
            CuBlasGemm(a, b, c, m, n, k, accumulate);
            return;
        }

        if (shared.IsCpu)
        {
            var rows = Load<ArrayView1D<T, Stride1D.Dense>, ArrayView1D<T, Stride1D.Dense>, ArrayView1D<T, Stride1D.Dense>, int, int, int, int>(GemmKernels.Rows<T>);
            Run(m, config => rows(compute, config, View(a), View(b), View(c), m, n, k, accumulate ? 1 : 0));
        }
        else
        {
            TiledGemm(a, b, c, m, n, k, accumulate);
        }
    }

    /// <summary>The tiled shared-memory GEMM kernel, whatever the backend (tests run it on the CPU emulation).</summary>
    internal void TiledGemm<T>(DeviceBuffer<T> a, DeviceBuffer<T> b, DeviceBuffer<T> c, int m, int n, int k, bool accumulate)
        where T : unmanaged, INumber<T>
    {
        BeforeKernel();
        var kernel = Load<ArrayView1D<T, Stride1D.Dense>, ArrayView1D<T, Stride1D.Dense>, ArrayView1D<T, Stride1D.Dense>, int, int, int, int>(GemmKernels.Tiled<T>);
        const int tile = GemmKernels.Tile;
        var config = new KernelConfig(new Index2D((n + tile - 1) / tile, (m + tile - 1) / tile), new Index2D(tile, tile));
        if (m > 0 && n > 0)
        {
            Launch(() => kernel(compute, config, View(a), View(b), View(c), m, n, k, accumulate ? 1 : 0));
        }
    }

    /// <inheritdoc />
    protected override void UnaryInternal<TOp, T>(DeviceBuffer<T> x, DeviceBuffer<T> result)
    {
        var kernel = Load<ArrayView1D<T, Stride1D.Dense>, ArrayView1D<T, Stride1D.Dense>, int>(ElementwiseKernels.Unary<TOp, T>);
        Run(result.Length, config => kernel(compute, config, View(x), View(result), result.Length));
    }

    /// <inheritdoc />
    protected override void BinaryInternal<TOp, T>(DeviceBuffer<T> x, DeviceBuffer<T> y, DeviceBuffer<T> result)
    {
        if (x.Shape.SequenceEqual(y.Shape))
        {
            var same = Load<ArrayView1D<T, Stride1D.Dense>, ArrayView1D<T, Stride1D.Dense>, ArrayView1D<T, Stride1D.Dense>, int>(ElementwiseKernels.Binary<TOp, T>);
            Run(result.Length, config => same(compute, config, View(x), View(y), View(result), result.Length));
            return;
        }

        var map = BroadcastMap.Create(result.Shape, x.Shape, y.Shape, []);
        var kernel = Load<ArrayView1D<T, Stride1D.Dense>, ArrayView1D<T, Stride1D.Dense>, ArrayView1D<T, Stride1D.Dense>, BroadcastMap, int>(ElementwiseKernels.BinaryBroadcast<TOp, T>);
        Run(result.Length, config => kernel(compute, config, View(x), View(y), View(result), map, result.Length));
    }

    /// <inheritdoc />
    protected override void CompareInternal<TOp, T>(DeviceBuffer<T> x, DeviceBuffer<T> y, DeviceBuffer<Bool> result)
    {
        var map = BroadcastMap.Create(result.Shape, x.Shape, y.Shape, []);
        var kernel = Load<ArrayView1D<T, Stride1D.Dense>, ArrayView1D<T, Stride1D.Dense>, ArrayView1D<Bool, Stride1D.Dense>, BroadcastMap, int>(ElementwiseKernels.Compare<TOp, T>);
        Run(result.Length, config => kernel(compute, config, View(x), View(y), View(result), map, result.Length));
    }

    /// <inheritdoc />
    protected override void WhereInternal<T>(DeviceBuffer<Bool> condition, DeviceBuffer<T> x, DeviceBuffer<T> y, DeviceBuffer<T> result)
    {
        var map = BroadcastMap.Create(result.Shape, condition.Shape, x.Shape, y.Shape);
        var kernel = Load<ArrayView1D<Bool, Stride1D.Dense>, ArrayView1D<T, Stride1D.Dense>, ArrayView1D<T, Stride1D.Dense>, ArrayView1D<T, Stride1D.Dense>, BroadcastMap, int>(ElementwiseKernels.Where<T>);
        Run(result.Length, config => kernel(compute, config, View(condition), View(x), View(y), View(result), map, result.Length));
    }

    /// <inheritdoc />
    protected override void ScaleAddInternal<T>(DeviceBuffer<T> x, T alpha, T beta, DeviceBuffer<T> result)
    {
        var kernel = Load<ArrayView1D<T, Stride1D.Dense>, ArrayView1D<T, Stride1D.Dense>, T, T, int>(ElementwiseKernels.ScaleAdd<T>);
        Run(result.Length, config => kernel(compute, config, View(x), View(result), alpha, beta, result.Length));
    }

    /// <inheritdoc />
    protected override void FillInternal<T>(DeviceBuffer<T> result, T value)
    {
        var kernel = Load<ArrayView1D<T, Stride1D.Dense>, T, int>(ElementwiseKernels.Fill<T>);
        Run(result.Length, config => kernel(compute, config, View(result), value, result.Length));
    }

    /// <inheritdoc />
    protected override void CastInternal<TFrom, TTo>(DeviceBuffer<TFrom> x, DeviceBuffer<TTo> result)
    {
        var conversion = Conversions.Of<TFrom, TTo>();
        var method = typeof(ElementwiseKernels).GetMethod(nameof(ElementwiseKernels.Cast))!.MakeGenericMethod(conversion, typeof(TFrom), typeof(TTo));
        var kernel = shared.Kernel(method, () => Ilgpu.LoadKernel(method.CreateDelegate<Action<ArrayView1D<TFrom, Stride1D.Dense>, ArrayView1D<TTo, Stride1D.Dense>, int>>()));
        Run(result.Length, config => kernel(compute, config, View(x), View(result), result.Length));
    }

    /// <inheritdoc />
    protected override void ReduceInternal<TOp, T>(DeviceBuffer<T> x, ReductionPlan plan, DeviceBuffer<T> result)
    {
        if (!plan.IsAll)
        {
            var map = new ReduceMap(plan);
            var axes = Load<ArrayView1D<T, Stride1D.Dense>, ArrayView1D<T, Stride1D.Dense>, ReduceMap, int>(ReductionKernels.Axes<TOp, T>);
            Run(plan.Outputs, config => axes(compute, config, View(x), View(result), map, plan.Outputs));
            return;
        }

        // Every element: strided partials, then partials of those, until one is left.
        var strided = Load<ArrayView1D<T, Stride1D.Dense>, ArrayView1D<T, Stride1D.Dense>, int, int>(ReductionKernels.Strided<TOp, T>);
        var maxParts = shared.IsCpu ? 128 : 65536;
        var source = View(x);
        var length = x.Length;
        var temporaries = new List<MemoryBuffer1D<T, Stride1D.Dense>>();
        try
        {
            do
            {
                var parts = length <= 64 ? 1 : Math.Min(maxParts, length / 32);
                var target = parts == 1 ? View(result) : Temporary<T>(parts, temporaries);
                var (input, count) = (source, length);
                Run(parts, config => strided(compute, config, input, target, count, parts));
                (source, length) = (target, parts);
            }
            while (length > 1);
        }
        finally
        {
            FreeTemporaries(temporaries);
        }
    }

    /// <inheritdoc />
    protected override void ArgExtremeInternal<T>(DeviceBuffer<T> x, ReductionPlan plan, bool max, DeviceBuffer<long> indices)
    {
        var map = new ReduceMap(plan);
        var kernel = Load<ArrayView1D<T, Stride1D.Dense>, ArrayView1D<long, Stride1D.Dense>, ReduceMap, int, int>(ReductionKernels.ArgExtreme<T>);
        Run(plan.Outputs, config => kernel(compute, config, View(x), View(indices), map, plan.Outputs, max ? 1 : 0));
    }

    /// <inheritdoc />
    protected override void CumulativeInternal<TOp, T>(DeviceBuffer<T> x, int axis, DeviceBuffer<T> result)
    {
        if (x.Shape.Length == 1 && HasZeroIdentity<TOp, T>())
        {
            // One line: ILGPU.Algorithms' parallel scan (a different summation order from the host's running sum).
            BeforeKernel();
            var scan = shared.Kernel(typeof(ScanOperation<TOp, T>), () => Ilgpu.CreateScan<T, Stride1D.Dense, Stride1D.Dense, ScanOperation<TOp, T>>(ScanKind.Inclusive));
            using var temp = Ilgpu.Allocate1D<int>(Ilgpu.ComputeScanTempStorageSize<T>(x.Length));
            Launch(() => scan(compute, View(x).SubView(0, x.Length), View(result).SubView(0, x.Length), temp.View));
            compute.Synchronize();
            return;
        }

        var shape = x.Shape;
        var extent = shape[axis];
        var inner = Shapes.ElementCount(shape[(axis + 1)..]);
        var lines = Shapes.ElementCount(shape[..axis]) * inner;
        var kernel = Load<ArrayView1D<T, Stride1D.Dense>, ArrayView1D<T, Stride1D.Dense>, int, int, int>(ReductionKernels.Lines<TOp, T>);
        Run(lines, config => kernel(compute, config, View(x), View(result), lines, extent, inner));
    }

    /// <inheritdoc />
    protected override void FillUniformInternal(DeviceBuffer<double> result, ulong seed)
    {
        var kernel = Load<ArrayView1D<double, Stride1D.Dense>, ulong, int>(ElementwiseKernels.Uniform);
        Run(result.Length, config => kernel(compute, config, View(result), seed, result.Length));
    }

    /// <inheritdoc />
    protected override void DisposeInternal()
    {
        SynchronizeStreams();
        blas?.Dispose();
        compute.Dispose();
        copy.Dispose();
    }

    private static ArrayView1D<T, Stride1D.Dense> View<T>(DeviceBuffer<T> buffer)
        where T : unmanaged, INumber<T> => ((IlgpuDeviceBuffer<T>)buffer).View;

    private static bool HasZeroIdentity<TOp, T>()
        where TOp : IReductionOperator<T>
        where T : unmanaged, INumber<T>
    {
        try
        {
            return T.IsZero(TOp.Aggregate([]));
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static CuBlas? TryCuBlas(CudaAccelerator cuda, out string? reason)
    {
        try
        {
            reason = null;
            return new CuBlas(cuda) { PointerMode = CuBlasPointerMode.Host };
        }
        catch (Exception e) when (e is DllNotFoundException or CuBlasException or EntryPointNotFoundException)
        {
            reason = $"cuBLAS unavailable: {e.Message}";
            return null;
        }
    }

    /// <summary>
    /// Row-major <c>C = A·B</c> is column-major <c>Cᵀ = Bᵀ·Aᵀ</c>: cuBLAS multiplies the
    /// operands in swapped order with no transposes, on the compute stream.
    /// </summary>
    private void CuBlasGemm<T>(DeviceBuffer<T> a, DeviceBuffer<T> b, DeviceBuffer<T> c, int m, int n, int k, bool accumulate)
        where T : unmanaged, INumber<T>
    {
        blas!.Stream = (CudaStream)compute;
        const CuBlasOperation none = CuBlasOperation.NonTranspose;
        if (typeof(T) == typeof(double))
        {
            var (va, vb, vc) = (Contiguous<T, double>(a), Contiguous<T, double>(b), Contiguous<T, double>(c));
            blas.Gemm(none, none, n, m, k, 1.0, vb, n, va, k, accumulate ? 1.0 : 0.0, vc, n);
        }
        else
        {
            var (va, vb, vc) = (Contiguous<T, float>(a), Contiguous<T, float>(b), Contiguous<T, float>(c));
            blas.Gemm(none, none, n, m, k, 1f, vb, n, va, k, accumulate ? 1f : 0f, vc, n);
        }
    }

    private static ArrayView<TElement> Contiguous<T, TElement>(DeviceBuffer<T> buffer)
        where T : unmanaged, INumber<T>
        where TElement : unmanaged => ((IlgpuDeviceBuffer<T>)buffer).Memory.View.AsContiguous().Cast<TElement>();

    private ArrayView1D<T, Stride1D.Dense> Temporary<T>(int length, List<MemoryBuffer1D<T, Stride1D.Dense>> temporaries)
        where T : unmanaged
    {
        var buffer = Ilgpu.Allocate1D<T>(length);
        temporaries.Add(buffer);
        return buffer.View;
    }

    private void FreeTemporaries<T>(List<MemoryBuffer1D<T, Stride1D.Dense>> temporaries)
        where T : unmanaged
    {
        if (temporaries.Count == 0)
        {
            return;
        }

        compute.Synchronize();
        foreach (var buffer in temporaries)
        {
            buffer.Dispose();
        }
    }

    /// <summary>Binds the device to this thread and makes enqueued uploads visible to the next kernel.</summary>
    private void BeforeKernel()
    {
        Ilgpu.Bind();
        if (uploadsPending)
        {
            copy.Synchronize();
            uploadsPending = false;
        }
    }

    /// <summary>Launches a grid-stride kernel over <paramref name="work"/> items: a few groups on the CPU emulation, enough to fill a GPU elsewhere.</summary>
    private void Run(int work, Action<KernelConfig> launch)
    {
        if (work <= 0)
        {
            return;
        }

        BeforeKernel();
        var groupSize = shared.IsCpu ? Ilgpu.WarpSize : Math.Min(256, Ilgpu.MaxNumThreadsPerGroup);
        var maxGroups = shared.IsCpu ? 4 : Math.Max(1, Ilgpu.NumMultiprocessors) * 8;
        var groups = Math.Clamp((int)Math.Min(int.MaxValue, ((long)work + groupSize - 1) / groupSize), 1, maxGroups);
        var config = new KernelConfig(groups, groupSize);
        Launch(() => launch(config));
    }

    private void Launch(Action launch)
    {
        if (shared.IsCpu)
        {
            lock (shared.Gate)
            {
                launch();
            }
        }
        else
        {
            launch();
        }
    }

    private Action<ILGPU.Runtime.AcceleratorStream, KernelConfig, T1, T2, T3> Load<T1, T2, T3>(Action<T1, T2, T3> kernel)
        where T1 : struct
        where T2 : struct
        where T3 : struct => shared.Kernel(kernel.Method, () => Ilgpu.LoadKernel(kernel));

    private Action<ILGPU.Runtime.AcceleratorStream, KernelConfig, T1, T2, T3, T4> Load<T1, T2, T3, T4>(Action<T1, T2, T3, T4> kernel)
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where T4 : struct => shared.Kernel(kernel.Method, () => Ilgpu.LoadKernel(kernel));

    private Action<ILGPU.Runtime.AcceleratorStream, KernelConfig, T1, T2, T3, T4, T5> Load<T1, T2, T3, T4, T5>(Action<T1, T2, T3, T4, T5> kernel)
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where T4 : struct
        where T5 : struct => shared.Kernel(kernel.Method, () => Ilgpu.LoadKernel(kernel));

    private Action<ILGPU.Runtime.AcceleratorStream, KernelConfig, T1, T2, T3, T4, T5, T6> Load<T1, T2, T3, T4, T5, T6>(Action<T1, T2, T3, T4, T5, T6> kernel)
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where T4 : struct
        where T5 : struct
        where T6 : struct => shared.Kernel(kernel.Method, () => Ilgpu.LoadKernel(kernel));

    private Action<ILGPU.Runtime.AcceleratorStream, KernelConfig, T1, T2, T3, T4, T5, T6, T7> Load<T1, T2, T3, T4, T5, T6, T7>(Action<T1, T2, T3, T4, T5, T6, T7> kernel)
        where T1 : struct
        where T2 : struct
        where T3 : struct
        where T4 : struct
        where T5 : struct
        where T6 : struct
        where T7 : struct => shared.Kernel(kernel.Method, () => Ilgpu.LoadKernel(kernel));
}

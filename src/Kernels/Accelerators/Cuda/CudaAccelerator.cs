using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace MiniDask.Kernels.Accelerators.Cuda;

/// <summary>
/// Block math on an NVIDIA GPU: cuBLAS for GEMM, NVRTC-compiled kernels for elementwise ops
/// and reductions, asynchronous copies through pinned staging buffers, all in order on one
/// CUDA stream. The device's primary context is current on one dedicated GPU thread and every
/// CUDA call is marshalled to it. Create it through <see cref="AcceleratorContext"/>.
/// </summary>
public sealed unsafe class CudaAccelerator : Accelerator
{
    private const int MaxPartials = 1024;
    private const int MaxElementwiseBlocks = 65535;

    private readonly CudaDriver driver;
    private readonly Nvrtc nvrtc;
    private readonly Cublas cublas;
    private readonly GpuThread gpu;
    private readonly CudaStream stream;
    private readonly Dictionary<string, nint> modules = [];
    private readonly Dictionary<string, nint> functions = [];
    private readonly List<Action> afterSynchronize = [];
    private readonly PinnedHostPool staging;
    private int cuDevice;
    private nint cuStream;
    private nint cublasHandle;
    private ulong scratch;
    private nuint scratchBytes;

    internal CudaAccelerator(Device device, CudaDriver driver, Nvrtc nvrtc, Cublas cublas)
        : base(device)
    {
        this.driver = driver;
        this.nvrtc = nvrtc;
        this.cublas = cublas;
        staging = new PinnedHostPool(driver);
        stream = new CudaStream(this);
        gpu = new GpuThread($"minidask-{device.Id}", Initialize);
    }

    /// <inheritdoc />
    public override AcceleratorStream DefaultStream => stream;

    /// <summary>The NVRTC library in use, such as <c>libnvrtc.so.13</c>.</summary>
    public string NvrtcLibrary => nvrtc.Library.Name;

    /// <summary>The cuBLAS library in use, such as <c>libcublas.so.13</c>.</summary>
    public string CublasLibrary => cublas.Library.Name;

    internal void Free(ulong pointer)
    {
        if (pointer != 0)
        {
            gpu.Invoke(() => driver.Check(driver.cuMemFree_v2(pointer)));
        }
    }

    internal void SynchronizeStream() => gpu.Invoke(() =>
    {
        driver.Check(driver.cuStreamSynchronize(cuStream));
        foreach (var action in afterSynchronize)
        {
            action();
        }

        afterSynchronize.Clear();
    });

    /// <inheritdoc />
    protected override DeviceBuffer<T> AllocateInternal<T>(int[] shape)
    {
        var bytes = (nuint)((long)Shapes.ElementCount(shape) * Unsafe.SizeOf<T>());
        var pointer = bytes == 0 ? 0 : gpu.Invoke(() =>
        {
            ulong p;
            driver.Check(driver.cuMemAlloc_v2(&p, bytes));
            return p;
        });
        return new CudaDeviceBuffer<T>(this, shape, pointer);
    }

    /// <inheritdoc />
    protected override void CopyFromHostInternal<T>(DeviceBuffer<T> buffer, ReadOnlySpan<T> source)
    {
        var bytes = (nuint)buffer.SizeInBytes;
        if (bytes == 0)
        {
            return;
        }

        var block = gpu.Invoke(() => staging.Rent(bytes));
        source.CopyTo(new Span<T>((void*)block.Pointer, source.Length));
        var target = Pointer(buffer);
        gpu.Invoke(() =>
        {
            driver.Check(driver.cuMemcpyHtoDAsync_v2(target, (void*)block.Pointer, bytes, cuStream));
            afterSynchronize.Add(() => staging.Return(block));
        });
    }

    /// <inheritdoc />
    protected override void CopyToHostInternal<T>(DeviceBuffer<T> buffer, Memory<T> destination)
    {
        var bytes = (nuint)buffer.SizeInBytes;
        if (bytes == 0)
        {
            return;
        }

        var source = Pointer(buffer);
        gpu.Invoke(() =>
        {
            var block = staging.Rent(bytes);
            driver.Check(driver.cuMemcpyDtoHAsync_v2((void*)block.Pointer, source, bytes, cuStream));
            afterSynchronize.Add(() =>
            {
                new ReadOnlySpan<T>((void*)block.Pointer, destination.Length).CopyTo(destination.Span);
                staging.Return(block);
            });
        });
    }

    /// <inheritdoc />
    protected override void GemmInternal<T>(DeviceBuffer<T> a, DeviceBuffer<T> b, DeviceBuffer<T> c, int m, int n, int k, bool accumulate)
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        var args = CublasGemmArguments.FromRowMajor(m, n, k, lda: k, ldb: n, ldc: n, accumulate);
        var (first, second, result) = args.FirstIsB ? (Pointer(b), Pointer(a), Pointer(c)) : (Pointer(a), Pointer(b), Pointer(c));
        gpu.Invoke(() =>
        {
            if (typeof(T) == typeof(double))
            {
                double alpha = 1, beta = args.Beta;
                cublas.Check(cublas.cublasDgemm_v2(cublasHandle, Cublas.OpNone, Cublas.OpNone, args.M, args.N, args.K, &alpha, first, args.LdFirst, second, args.LdSecond, &beta, result, args.Ldc));
            }
            else
            {
                float alpha = 1, beta = (float)args.Beta;
                cublas.Check(cublas.cublasSgemm_v2(cublasHandle, Cublas.OpNone, Cublas.OpNone, args.M, args.N, args.K, &alpha, first, args.LdFirst, second, args.LdSecond, &beta, result, args.Ldc));
            }
        });
    }

    /// <inheritdoc />
    protected override void UnaryInternal<T>(UnaryOp op, DeviceBuffer<T> x, DeviceBuffer<T> result)
    {
        long n = x.Length;
        if (n == 0)
        {
            return;
        }

        var name = CudaKernelSource.UnaryName(op, typeof(T));
        var (px, pr) = (Pointer(x), Pointer(result));
        gpu.Invoke(() =>
        {
            var function = Function(name, name, () => CudaKernelSource.Unary(op, typeof(T)));
            var (a0, a1, a2) = (px, pr, n);
            var args = stackalloc void*[] { &a0, &a1, &a2 };
            Launch(function, CudaKernelSource.GridSize(n, MaxElementwiseBlocks), args);
        });
    }

    /// <inheritdoc />
    protected override void BinaryInternal<T>(BinaryOp op, DeviceBuffer<T> x, DeviceBuffer<T> y, DeviceBuffer<T> result)
    {
        long n = x.Length;
        if (n == 0)
        {
            return;
        }

        var name = CudaKernelSource.BinaryName(op, typeof(T));
        var (px, py, pr) = (Pointer(x), Pointer(y), Pointer(result));
        gpu.Invoke(() =>
        {
            var function = Function(name, name, () => CudaKernelSource.Binary(op, typeof(T)));
            var (a0, a1, a2, a3) = (px, py, pr, n);
            var args = stackalloc void*[] { &a0, &a1, &a2, &a3 };
            Launch(function, CudaKernelSource.GridSize(n, MaxElementwiseBlocks), args);
        });
    }

    /// <inheritdoc />
    protected override void ScaleAddInternal<T>(DeviceBuffer<T> x, T alpha, T beta, DeviceBuffer<T> result)
    {
        long n = x.Length;
        if (n == 0)
        {
            return;
        }

        var name = CudaKernelSource.ScaleAddName(typeof(T));
        var (px, pr) = (Pointer(x), Pointer(result));
        gpu.Invoke(() =>
        {
            var function = Function(name, name, () => CudaKernelSource.ScaleAdd(typeof(T)));
            var (a0, a1, a2, a3, a4) = (px, alpha, beta, pr, n);
            var args = stackalloc void*[] { &a0, &a1, &a2, &a3, &a4 };
            Launch(function, CudaKernelSource.GridSize(n, MaxElementwiseBlocks), args);
        });
    }

    /// <inheritdoc />
    protected override void ReduceInternal<T>(ReductionOp op, DeviceBuffer<T> x, DeviceBuffer<T> result)
    {
        long n = x.Length;
        var (px, pr) = (Pointer(x), Pointer(result));
        gpu.Invoke(() =>
        {
            var function = ReductionFunction<T>(op, "all");
            var partials = CudaKernelSource.GridSize(n, MaxPartials);
            var buffer = Scratch((nuint)(partials * Unsafe.SizeOf<T>()));
            var (a0, a1, a2) = (px, buffer, n);
            var args = stackalloc void*[] { &a0, &a1, &a2 };
            Launch(function, partials, args);
            (a0, a1, a2) = (buffer, pr, partials);
            Launch(function, 1, args);
        });
    }

    /// <inheritdoc />
    protected override void ReduceAxisInternal<T>(ReductionOp op, DeviceBuffer<T> x, int rows, int cols, int axis, DeviceBuffer<T> result)
    {
        var outputs = axis == 0 ? cols : rows;
        if (outputs == 0)
        {
            return;
        }

        var (px, pr) = (Pointer(x), Pointer(result));
        gpu.Invoke(() =>
        {
            var function = ReductionFunction<T>(op, axis == 0 ? "cols" : "rows");
            var (a0, a1, a2, a3) = (px, pr, rows, cols);
            var args = stackalloc void*[] { &a0, &a1, &a2, &a3 };
            Launch(function, axis == 0 ? CudaKernelSource.GridSize(cols, int.MaxValue) : (uint)rows, args);
        });
    }

    /// <inheritdoc />
    protected override void DisposeInternal()
    {
        gpu.Invoke(() =>
        {
            SynchronizeStream();
            staging.Dispose();
            foreach (var module in modules.Values)
            {
                driver.Check(driver.cuModuleUnload(module));
            }

            if (scratch != 0)
            {
                driver.Check(driver.cuMemFree_v2(scratch));
            }

            cublas.Check(cublas.cublasDestroy_v2(cublasHandle));
            driver.Check(driver.cuStreamDestroy_v2(cuStream));
            driver.Check(driver.cuDevicePrimaryCtxRelease_v2(cuDevice));
        });
        gpu.Dispose();
    }

    private static ulong Pointer<T>(DeviceBuffer<T> buffer)
        where T : unmanaged, INumber<T> => ((CudaDeviceBuffer<T>)buffer).Pointer;

    private void Initialize()
    {
        int device;
        driver.Check(driver.cuDeviceGet(&device, Device.Ordinal));
        nint ctx;
        driver.Check(driver.cuDevicePrimaryCtxRetain(&ctx, device));
        driver.Check(driver.cuCtxSetCurrent(ctx));
        nint s;
        driver.Check(driver.cuStreamCreate(&s, CudaDriver.StreamNonBlocking));
        nint handle;
        cublas.Check(cublas.cublasCreate_v2(&handle));
        cublas.Check(cublas.cublasSetStream_v2(handle, s));
        (cuDevice, cuStream, cublasHandle) = (device, s, handle);
    }

    private nint ReductionFunction<T>(ReductionOp op, string shape)
        where T : unmanaged, INumber<T> =>
        Function(CudaKernelSource.ReductionName(op, shape, typeof(T)), CudaKernelSource.ReductionName(op, "module", typeof(T)), () => CudaKernelSource.Reduction(op, typeof(T)));

    /// <summary>The compiled kernel <paramref name="name"/>, compiling and loading its module's source on first use.</summary>
    private nint Function(string name, string moduleKey, Func<string> source)
    {
        if (functions.TryGetValue(name, out var cached))
        {
            return cached;
        }

        if (!modules.TryGetValue(moduleKey, out var module))
        {
            var cubin = nvrtc.CompileToCubin(source(), moduleKey + ".cu", Device.ComputeCapability);
            fixed (byte* image = cubin)
            {
                driver.Check(driver.cuModuleLoadData(&module, image));
            }

            modules[moduleKey] = module;
        }

        nint function;
        fixed (byte* entry = Encoding.UTF8.GetBytes(name + "\0"))
        {
            driver.Check(driver.cuModuleGetFunction(&function, module, entry));
        }

        functions[name] = function;
        return function;
    }

    private void Launch(nint function, uint grid, void** args) =>
        driver.Check(driver.cuLaunchKernel(function, grid, 1, 1, CudaKernelSource.BlockSize, 1, 1, 0, cuStream, args, null));

    /// <summary>A device scratch area of at least <paramref name="bytes"/>; reused by later kernels on the same stream, so never in use twice at once.</summary>
    private ulong Scratch(nuint bytes)
    {
        if (bytes > scratchBytes)
        {
            if (scratch != 0)
            {
                driver.Check(driver.cuMemFree_v2(scratch));
            }

            ulong p;
            driver.Check(driver.cuMemAlloc_v2(&p, bytes));
            (scratch, scratchBytes) = (p, bytes);
        }

        return scratch;
    }
}

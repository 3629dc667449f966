using System.Diagnostics;
using MiniDask.Kernels;
using MiniDask.Kernels.Accelerators;

namespace MiniDask.Benchmarks;

/// <summary>
/// Device kernel throughput, run with <c>dotnet run -c Release --project benchmarks -- gpu [cuda|ilgpu-cpu|cpu] [block]</c>:
/// GEMM GFLOP/s of one call on a whole matrix (cuBLAS on CUDA) against the same product in blocks
/// accumulated on the device, sum-reduction GB/s against a device-to-device copy kernel of the same
/// data, and an out-of-core matmul streamed block by block through a <see cref="DeviceBlockCache"/>
/// smaller than its operands, with the peak device memory it held. Where the device is
/// unavailable it says why and exits with 0.
/// </summary>
public static class GpuKernelBenchmarks
{
    /// <summary>Runs the suite; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        var deviceName = args.Length > 0 ? args[0] : "cuda";
        var block = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 4096;
        Accelerator accelerator;
        try
        {
            accelerator = AcceleratorContext.Create(deviceName).CreateAccelerator();
        }
        catch (AcceleratorUnavailableException e)
        {
            Console.WriteLine($"GPU benchmarks skipped: {e.Message}");
            return 0;
        }

        using (accelerator)
        {
            Console.WriteLine($"device: {accelerator.Device}");
            if (accelerator is MiniDask.Kernels.Accelerators.Ilgpu.IlgpuAccelerator ilgpu)
            {
                Console.WriteLine($"GEMM: {ilgpu.GemmBackend}; {ilgpu.StreamCount} streams");
            }

            SingleGemm(accelerator, block);
            SingleGemm(accelerator, 2 * block);
            BlockedGemm(accelerator, 2 * block, block);
            Reduction(accelerator, block * block * 16);
            OutOfCoreMatmul(accelerator, 4 * block, block);
        }

        return 0;
    }

    private static void SingleGemm(Accelerator accelerator, int n)
    {
        using var a = accelerator.Upload(Random(n, n, 1));
        using var b = accelerator.Upload(Random(n, n, 2));
        using var c = accelerator.Allocate<float>(n, n);
        accelerator.Gemm(a, b, c);
        accelerator.Synchronize();
        const int repeats = 5;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < repeats; i++)
        {
            accelerator.Gemm(a, b, c);
        }

        accelerator.Synchronize();
        Report($"gemm float32 {n}x{n} single call", 2.0 * n * n * n * repeats, watch.Elapsed);
    }

    /// <summary>The same product as one <paramref name="n"/>² call, as <c>(n/block)³</c> block GEMMs accumulated on the device.</summary>
    private static void BlockedGemm(Accelerator accelerator, int n, int block)
    {
        var parts = n / block;
        using var cache = new DeviceBlockCache(accelerator, long.MaxValue);
        for (var i = 0; i < parts; i++)
        {
            for (var j = 0; j < parts; j++)
            {
                cache.Put($"a{i},{j}", Random(block, block, (i * parts) + j));
                cache.Put($"b{i},{j}", Random(block, block, 1000 + (i * parts) + j));
            }
        }

        MultiplyBlocks(cache, parts);
        accelerator.Synchronize();
        var watch = Stopwatch.StartNew();
        MultiplyBlocks(cache, parts);
        accelerator.Synchronize();
        Report($"gemm float32 {n}x{n} as {parts}x{parts} blocks of {block} (device-resident)", 2.0 * n * n * n, watch.Elapsed);
    }

    private static void Reduction(Accelerator accelerator, int length)
    {
        using var x = accelerator.Upload(new NDArray<float>(Enumerable.Range(0, length).Select(i => (i % 7) * 0.5f).ToArray(), [length]));
        using var copy = accelerator.Allocate<float>(length);
        using var result = accelerator.Allocate<float>(1);
        accelerator.Reduce<SumOperator<float>, float>(x, null, result);
        accelerator.ScaleAdd(x, 1f, -0f, copy);
        accelerator.Synchronize();
        const int repeats = 10;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < repeats; i++)
        {
            accelerator.Reduce<SumOperator<float>, float>(x, null, result);
        }

        accelerator.Synchronize();
        var sum = (double)length * sizeof(float) * repeats / watch.Elapsed.TotalSeconds / 1e9;
        watch.Restart();
        for (var i = 0; i < repeats; i++)
        {
            accelerator.ScaleAdd(x, 1f, -0f, copy);
        }

        accelerator.Synchronize();
        var copied = 2.0 * length * sizeof(float) * repeats / watch.Elapsed.TotalSeconds / 1e9;
        Console.WriteLine($"sum float32 {length:N0} elements: {sum:F1} GB/s read; device-to-device copy kernel of the same data: {copied:F1} GB/s read+written (sum / copy = {sum / copied:F2})");
    }

    /// <summary>
    /// An <paramref name="n"/>² product whose operands do not fit the cache: each output block
    /// streams its row of A and column of B through the device, with timing that includes copies.
    /// </summary>
    private static void OutOfCoreMatmul(Accelerator accelerator, int n, int block)
    {
        var parts = n / block;
        var blockBytes = (long)block * block * sizeof(float);
        var before = accelerator.AllocatedBytes;
        accelerator.ResetPeakAllocatedBytes();
        using var cache = new DeviceBlockCache(accelerator, 6 * blockBytes);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < parts; i++)
        {
            for (var j = 0; j < parts; j++)
            {
                for (var k = 0; k < parts; k++)
                {
                    cache.Put("a", Random(block, block, (i * parts) + k));
                    cache.Put("b", Random(block, block, 1000 + (k * parts) + j));
                    cache.Gemm<float>("a", "b", "c", accumulate: k > 0);
                }

                cache.Get<float>("c");
                cache.Release("c");
            }
        }

        Report($"out-of-core gemm float32 {n}x{n} in blocks of {block} (with host copies and block generation)", 2.0 * n * n * n, watch.Elapsed);
        Console.WriteLine($"  copied in {accelerator.HostToDeviceBytes / 1e9:F1} GB, out {accelerator.DeviceToHostBytes / 1e9:F1} GB; operands {2.0 * n * n * sizeof(float) / 1e9:F2} GB, "
            + $"cache limit {6 * blockBytes / 1e9:F2} GB, peak device memory held by blocks {(accelerator.PeakAllocatedBytes - before) / 1e9:F2} GB");
    }

    private static void MultiplyBlocks(DeviceBlockCache cache, int parts)
    {
        for (var i = 0; i < parts; i++)
        {
            for (var j = 0; j < parts; j++)
            {
                for (var k = 0; k < parts; k++)
                {
                    cache.Gemm<float>($"a{i},{k}", $"b{k},{j}", $"c{i},{j}", accumulate: k > 0);
                }
            }
        }
    }

    private static NDArray<float> Random(int rows, int cols, int seed)
    {
        var random = new Random(seed);
        var data = new float[rows * cols];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)random.NextDouble() - 0.5f;
        }

        return new NDArray<float>(data, [rows, cols]);
    }

    private static void Report(string what, double flops, TimeSpan elapsed) =>
        Console.WriteLine($"{what}: {flops / elapsed.TotalSeconds / 1e9:F1} GFLOP/s ({elapsed.TotalMilliseconds:F0} ms)");
}

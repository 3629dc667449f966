using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using IlgpuAcceleratorType = ILGPU.Runtime.AcceleratorType;

namespace MiniDask.Kernels.Accelerators.Ilgpu;

/// <summary>
/// The process's ILGPU context and the devices it found: ILGPU's CPU accelerator (always), CUDA
/// GPUs where the driver is installed, OpenCL devices where an OpenCL runtime is. An ILGPU
/// accelerator is opened once per device and shared by every <see cref="IlgpuAccelerator"/> on
/// it, so each kernel is compiled once per process, not once per scheduler or test.
/// </summary>
internal static class IlgpuRuntime
{
    private static readonly Lazy<Context> SharedContext = new(() => Context.Create(builder => builder
        .CPU(new CPUDevice(numThreadsPerWarp: 32, numWarpsPerMultiprocessor: 8, numMultiprocessors: 1))
        .Cuda()
        .OpenCL()
        .EnableAlgorithms()
        .Math(MathMode.Default)
        .Optimize(OptimizationLevel.Release)));

    private static readonly Lazy<IReadOnlyList<Found>> FoundDevices = new(Find);
    private static readonly ConcurrentDictionary<string, Lazy<SharedAccelerator>> Opened = new(StringComparer.Ordinal);

    /// <summary>The devices found, ILGPU's CPU accelerator first.</summary>
    public static IReadOnlyList<Device> Devices => [.. FoundDevices.Value.Select(f => f.Device)];

    /// <summary>Why no CUDA device is listed, such as <c>libcuda.so.1 not found (no NVIDIA driver)</c>; null when one is.</summary>
    public static string? CudaUnavailableReason => Devices.Any(d => d.Kind == AcceleratorKind.Cuda) ? null : ProbeCudaDriver();

    /// <summary>The shared ILGPU accelerator of <paramref name="device"/>, opened on first use.</summary>
    public static SharedAccelerator Open(Device device) =>
        Opened.GetOrAdd(device.Id, _ => new Lazy<SharedAccelerator>(() =>
        {
            var found = FoundDevices.Value.First(f => f.Device.Id == device.Id);
            return new SharedAccelerator(found.Ilgpu.CreateAccelerator(SharedContext.Value));
        })).Value;

    private static List<Found> Find()
    {
        var found = new List<Found>();
        var context = SharedContext.Value;
        foreach (var cpu in context.GetCPUDevices())
        {
            found.Add(new Found(new Device(AcceleratorKind.IlgpuCpu, 0, $"ILGPU CPU accelerator ({cpu.WarpSize}-thread warps emulated)", HostMemory(), (0, 0)), cpu));
            break;
        }

        var cudaOrdinal = 0;
        foreach (var gpu in context.GetCudaDevices())
        {
            var arch = gpu.Architecture ?? default;
            found.Add(new Found(new Device(AcceleratorKind.Cuda, cudaOrdinal++, gpu.Name, gpu.MemorySize, (arch.Major, arch.Minor)), gpu));
        }

        var openClOrdinal = 0;
        foreach (var cl in context.GetCLDevices())
        {
            found.Add(new Found(new Device(AcceleratorKind.OpenCL, openClOrdinal++, cl.Name, cl.MemorySize, (0, 0)), cl));
        }

        return found;
    }

    /// <summary>The host memory available to the process: the memory of ILGPU's CPU accelerator.</summary>
    private static long HostMemory() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Says why ILGPU found no CUDA device: no driver library, or a driver without a device.</summary>
    private static string ProbeCudaDriver()
    {
        var library = OperatingSystem.IsWindows() ? "nvcuda.dll" : "libcuda.so.1";
        if (!NativeLibrary.TryLoad(library, out var handle))
        {
            return $"{library} not found (no NVIDIA driver installed)";
        }

        NativeLibrary.Free(handle);
        return $"{library} loaded, but ILGPU found no CUDA device";
    }

    private sealed record Found(Device Device, ILGPU.Runtime.Device Ilgpu);
}

/// <summary>An ILGPU accelerator shared by every <see cref="IlgpuAccelerator"/> of one device, with its loaded kernels.</summary>
internal sealed class SharedAccelerator(ILGPU.Runtime.Accelerator accelerator)
{
    private readonly ConcurrentDictionary<object, Delegate> kernels = new();

    /// <summary>The ILGPU accelerator.</summary>
    public ILGPU.Runtime.Accelerator Accelerator { get; } = accelerator;

    /// <summary>Whether it is ILGPU's CPU accelerator, whose launches from several threads are serialized here.</summary>
    public bool IsCpu { get; } = accelerator.AcceleratorType == IlgpuAcceleratorType.CPU;

    /// <summary>Serializes kernel compilation, and launches on the CPU accelerator.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The kernel (or other compiled delegate) known by <paramref name="key"/>, compiled on first use.</summary>
    public TDelegate Kernel<TDelegate>(object key, Func<TDelegate> load)
        where TDelegate : Delegate
    {
        if (kernels.TryGetValue(key, out var loaded))
        {
            return (TDelegate)loaded;
        }

        lock (Gate)
        {
            return (TDelegate)kernels.GetOrAdd(key, _ => load());
        }
    }
}

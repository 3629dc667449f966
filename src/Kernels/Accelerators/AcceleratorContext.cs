using MiniDask.Kernels.Accelerators.Ilgpu;

namespace MiniDask.Kernels.Accelerators;

/// <summary>
/// The devices this process can run block math on: the host CPU (<c>cpu</c>) and the devices
/// ILGPU finds (its CPU accelerator <c>ilgpu-cpu</c> always, <c>cuda:N</c> where an NVIDIA
/// driver and GPU are, <c>opencl:N</c> where an OpenCL runtime is). <see cref="Create"/> picks
/// one by name; asking for one that is missing throws an <see cref="AcceleratorUnavailableException"/> saying why.
/// </summary>
public sealed class AcceleratorContext
{
    private AcceleratorContext(Device cpu, IReadOnlyList<Device> ilgpuDevices, string? cudaUnavailableReason, Device selected)
    {
        Cpu = cpu;
        IlgpuDevices = ilgpuDevices;
        CudaUnavailableReason = cudaUnavailableReason;
        SelectedDevice = selected;
    }

    /// <summary>The host CPU.</summary>
    public Device Cpu { get; }

    /// <summary>The devices ILGPU found: its CPU accelerator first, then CUDA and OpenCL devices.</summary>
    public IReadOnlyList<Device> IlgpuDevices { get; }

    /// <summary>The CUDA devices found; empty when CUDA is unusable (see <see cref="CudaUnavailableReason"/>).</summary>
    public IReadOnlyList<Device> CudaDevices => [.. IlgpuDevices.Where(d => d.Kind == AcceleratorKind.Cuda)];

    /// <summary>Why no CUDA device can be used, such as <c>libcuda.so.1 not found (no NVIDIA driver installed)</c>; null when one can.</summary>
    public string? CudaUnavailableReason { get; }

    /// <summary>Every device found, the host CPU first.</summary>
    public IReadOnlyList<Device> Devices => [Cpu, .. IlgpuDevices];

    /// <summary>The device <see cref="Create"/> selected, on which <see cref="CreateAccelerator"/> runs.</summary>
    public Device SelectedDevice { get; }

    /// <summary>
    /// Looks for devices and selects <paramref name="deviceName"/>: <c>cpu</c>, <c>ilgpu-cpu</c>,
    /// <c>cuda</c> (the first CUDA device), <c>cuda:N</c>, <c>opencl</c> or <c>opencl:N</c>.
    /// Never crashes where CUDA is absent.
    /// </summary>
    /// <exception cref="AcceleratorUnavailableException">The device is not available; the message says why (such as <c>libcuda.so.1 not found</c>).</exception>
    /// <exception cref="ArgumentException">The name is none of those.</exception>
    public static AcceleratorContext Create(string deviceName = "cpu")
    {
        ArgumentNullException.ThrowIfNull(deviceName);
        var name = deviceName.Trim().ToLowerInvariant();
        var cpu = CpuDevice();
        if (name == "cpu")
        {
            return new AcceleratorContext(cpu, IlgpuRuntime.Devices, IlgpuRuntime.CudaUnavailableReason, cpu);
        }

        var (kind, ordinal) = Parse(name, deviceName);
        var devices = IlgpuRuntime.Devices;
        var reason = IlgpuRuntime.CudaUnavailableReason;
        var ofKind = devices.Where(d => d.Kind == kind).ToList();
        if (ofKind.Count == 0)
        {
            throw new AcceleratorUnavailableException(deviceName, kind == AcceleratorKind.Cuda
                ? $"no CUDA device: {reason}"
                : "ILGPU found no OpenCL device (no OpenCL runtime or device installed)");
        }

        if (ordinal >= ofKind.Count)
        {
            throw new AcceleratorUnavailableException(deviceName, $"no {kind} device with ordinal {ordinal} (found {ofKind.Count})");
        }

        return new AcceleratorContext(cpu, devices, reason, ofKind[ordinal]);
    }

    /// <summary>Looks for devices without selecting one that may be missing: the host CPU is selected.</summary>
    public static AcceleratorContext Discover() => Create("cpu");

    /// <summary>
    /// Creates an accelerator on <see cref="SelectedDevice"/>. For <c>cpu</c>, <paramref name="debug"/>
    /// turns on device emulation (see <see cref="CpuAccelerator"/>); ILGPU devices ignore it (their
    /// memory is never host-visible, and their work is queued on streams).
    /// </summary>
    /// <exception cref="AcceleratorUnavailableException">The device could not be opened; the message says why.</exception>
    public Accelerator CreateAccelerator(bool debug = false)
    {
        if (SelectedDevice.Kind == AcceleratorKind.Cpu)
        {
            return new CpuAccelerator(SelectedDevice, debug);
        }

        try
        {
            return new IlgpuAccelerator(SelectedDevice, IlgpuRuntime.Open(SelectedDevice));
        }
        catch (Exception e) when (e is ILGPU.Runtime.AcceleratorException or InvalidOperationException or DllNotFoundException)
        {
            throw new AcceleratorUnavailableException(SelectedDevice.Id, e.Message, e);
        }
    }

    /// <summary>The host CPU as a device: processor count and the memory available to the process.</summary>
    internal static Device CpuDevice() => new(
        AcceleratorKind.Cpu, 0, $"CPU ({Environment.ProcessorCount} logical cores)", GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, (0, 0));

    private static (AcceleratorKind Kind, int Ordinal) Parse(string name, string asked)
    {
        if (name == "ilgpu-cpu")
        {
            return (AcceleratorKind.IlgpuCpu, 0);
        }

        foreach (var (prefix, kind) in new[] { ("cuda", AcceleratorKind.Cuda), ("opencl", AcceleratorKind.OpenCL) })
        {
            if (name == prefix)
            {
                return (kind, 0);
            }

            if (name.StartsWith(prefix + ":", StringComparison.Ordinal) && int.TryParse(name.AsSpan(prefix.Length + 1), out var n) && n >= 0)
            {
                return (kind, n);
            }
        }

        throw new ArgumentException($"Unknown device '{asked}'; expected cpu, ilgpu-cpu, cuda, cuda:N, opencl or opencl:N.");
    }
}

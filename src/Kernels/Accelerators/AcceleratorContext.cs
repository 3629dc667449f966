using MiniDask.Kernels.Accelerators.Cuda;

namespace MiniDask.Kernels.Accelerators;

/// <summary>
/// The devices this process can run block math on: the CPU always, CUDA devices where the
/// driver and a GPU are found. <see cref="Create"/> picks one by name; asking for one that is
/// missing throws an <see cref="AcceleratorUnavailableException"/> saying why.
/// </summary>
public sealed class AcceleratorContext
{
    private readonly Func<Device, bool, Accelerator> createCuda;

    internal AcceleratorContext(Device cpu, IReadOnlyList<Device> cudaDevices, string? cudaUnavailableReason, Func<Device, bool, Accelerator> createCuda, Device selected)
    {
        Cpu = cpu;
        CudaDevices = cudaDevices;
        CudaUnavailableReason = cudaUnavailableReason;
        this.createCuda = createCuda;
        SelectedDevice = selected;
    }

    /// <summary>The host CPU.</summary>
    public Device Cpu { get; }

    /// <summary>The CUDA devices found; empty when CUDA is unusable (see <see cref="CudaUnavailableReason"/>).</summary>
    public IReadOnlyList<Device> CudaDevices { get; }

    /// <summary>Why no CUDA device can be used, such as <c>libcuda.so.1 not found</c>; null when one can.</summary>
    public string? CudaUnavailableReason { get; }

    /// <summary>Every device found, the CPU first.</summary>
    public IReadOnlyList<Device> Devices => [Cpu, .. CudaDevices];

    /// <summary>The device <see cref="Create"/> selected, on which <see cref="CreateAccelerator"/> runs.</summary>
    public Device SelectedDevice { get; }

    /// <summary>
    /// Looks for devices and selects <paramref name="deviceName"/>: <c>cpu</c>, <c>cuda</c> (the
    /// first CUDA device) or <c>cuda:N</c>. Never crashes where CUDA is absent.
    /// </summary>
    /// <exception cref="AcceleratorUnavailableException">The device is not available; the message says why (such as <c>libcuda.so.1 not found</c>).</exception>
    /// <exception cref="ArgumentException">The name is not <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</exception>
    public static AcceleratorContext Create(string deviceName = "cpu") =>
        Select(deviceName, CpuDevice(), () => Cuda.CudaDevices.Current, CreateCudaAccelerator);

    /// <summary>Looks for devices without selecting one that may be missing: the CPU is selected.</summary>
    public static AcceleratorContext Discover() => Create("cpu");

    /// <summary>
    /// Creates an accelerator on <see cref="SelectedDevice"/>. For the CPU, <paramref name="debug"/>
    /// turns on device emulation (see <see cref="CpuAccelerator"/>); CUDA ignores it.
    /// </summary>
    /// <exception cref="AcceleratorUnavailableException">A CUDA library is missing (<c>libnvrtc.so.13 or libnvrtc.so.12 not found</c>) or the device could not be opened.</exception>
    public Accelerator CreateAccelerator(bool debug = false) => SelectedDevice.Kind == AcceleratorKind.Cpu
        ? new CpuAccelerator(SelectedDevice, debug)
        : createCuda(SelectedDevice, debug);

    /// <summary>The selection logic, with the CUDA probe and factory given: <see cref="Create"/> passes the real ones.</summary>
    internal static AcceleratorContext Select(string deviceName, Device cpu, Func<CudaProbe> probeCuda, Func<Device, bool, Accelerator> createCuda)
    {
        ArgumentNullException.ThrowIfNull(deviceName);
        var name = deviceName.Trim().ToLowerInvariant();
        var probe = probeCuda();
        if (name == "cpu")
        {
            return new AcceleratorContext(cpu, probe.Devices, probe.UnavailableReason, createCuda, cpu);
        }

        var ordinal = name == "cuda" ? 0
            : name.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(name.AsSpan(5), out var n) && n >= 0 ? n
            : throw new ArgumentException($"Unknown device '{deviceName}'; expected cpu, cuda or cuda:N.");
        if (probe.Devices.Count == 0)
        {
            throw new AcceleratorUnavailableException(deviceName, probe.UnavailableReason ?? "no CUDA device found");
        }

        if (ordinal >= probe.Devices.Count)
        {
            throw new AcceleratorUnavailableException(deviceName, $"no CUDA device with ordinal {ordinal} (found {probe.Devices.Count})");
        }

        return new AcceleratorContext(cpu, probe.Devices, probe.UnavailableReason, createCuda, probe.Devices[ordinal]);
    }

    /// <summary>The host CPU as a device: processor count and the memory available to the process.</summary>
    internal static Device CpuDevice() => new(
        AcceleratorKind.Cpu, 0, $"CPU ({Environment.ProcessorCount} logical cores)", GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, (0, 0));

    private static Accelerator CreateCudaAccelerator(Device device, bool debug)
    {
        var driver = Cuda.CudaDevices.Current.Driver
            ?? throw new AcceleratorUnavailableException(device.Id, Cuda.CudaDevices.Current.UnavailableReason ?? "the CUDA driver is not loaded");
        var nvrtc = Nvrtc.TryLoad(out var nvrtcError) ?? throw new AcceleratorUnavailableException(device.Id, nvrtcError!);
        var cublas = Cublas.TryLoad(out var cublasError) ?? throw new AcceleratorUnavailableException(device.Id, cublasError!);
        try
        {
            return new CudaAccelerator(device, driver, nvrtc, cublas);
        }
        catch (CudaException e)
        {
            throw new AcceleratorUnavailableException(device.Id, e.Message, e);
        }
    }
}

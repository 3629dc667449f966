namespace MiniDask.Kernels.Accelerators.Cuda;

/// <summary>What a look for CUDA found: the devices, or why there are none.</summary>
/// <param name="Devices">The CUDA devices; empty when CUDA is unusable.</param>
/// <param name="UnavailableReason">Why no device can be used (such as <c>libcuda.so.1 not found</c>); null when some can.</param>
internal sealed record CudaProbe(IReadOnlyList<Device> Devices, string? UnavailableReason)
{
    /// <summary>The loaded driver, when it loaded and initialized.</summary>
    public CudaDriver? Driver { get; init; }
}

/// <summary>Finds CUDA devices through the driver API, once per process; never throws.</summary>
internal static unsafe class CudaDevices
{
    private static readonly Lazy<CudaProbe> Cached = new(Probe);

    /// <summary>The process-wide result of <see cref="Probe"/>.</summary>
    public static CudaProbe Current => Cached.Value;

    /// <summary>Loads <c>libcuda.so.1</c>, initializes the driver and lists its devices.</summary>
    public static CudaProbe Probe()
    {
        var driver = CudaDriver.TryLoad(out var error);
        if (driver is null)
        {
            return new CudaProbe([], error);
        }

        try
        {
            driver.Check(driver.cuInit(0));
            int count;
            driver.Check(driver.cuDeviceGetCount(&count));
            var devices = new List<Device>(count);
            for (var ordinal = 0; ordinal < count; ordinal++)
            {
                devices.Add(Describe(driver, ordinal));
            }

            return new CudaProbe(devices, count == 0 ? "the CUDA driver reports no devices" : null) { Driver = driver };
        }
        catch (CudaException e)
        {
            return new CudaProbe([], e.Message);
        }
    }

    private static Device Describe(CudaDriver driver, int ordinal)
    {
        int device;
        driver.Check(driver.cuDeviceGet(&device, ordinal));
        var name = stackalloc byte[256];
        driver.Check(driver.cuDeviceGetName(name, 256, device));
        nuint memory;
        driver.Check(driver.cuDeviceTotalMem_v2(&memory, device));
        int major, minor;
        driver.Check(driver.cuDeviceGetAttribute(&major, CudaDriver.AttributeComputeCapabilityMajor, device));
        driver.Check(driver.cuDeviceGetAttribute(&minor, CudaDriver.AttributeComputeCapabilityMinor, device));
        return new Device(AcceleratorKind.Cuda, ordinal, new string((sbyte*)name), (long)memory, (major, minor));
    }
}

using MiniDask.Graph.Devices;
using MiniDask.Kernels.Accelerators;

[assembly: ExecutionDeviceProvider(typeof(MiniDask.Array.BlockDeviceProvider))]

namespace MiniDask.Array;

/// <summary>
/// The execution device of array block math: an accelerator (<c>cpu</c>, the host's own SIMD and
/// BLAS; <c>ilgpu-cpu</c>, <c>cuda:N</c> or <c>opencl:N</c>, ILGPU kernels) and the
/// <see cref="DeviceBlocks"/> that keep blocks in its memory. Tasks run on it get it from the task
/// runner: matmul's block products, elementwise add, subtract, multiply and divide, and the sum,
/// min, max and mean reductions run on it and their results stay there as
/// <see cref="DeviceBlock{T}"/> until a task that needs host blocks, an output or a transfer copies
/// them out. Give it to a scheduler (<c>new LocalScheduler(threads, device)</c>) or open one by
/// name (<c>new LocalScheduler(threads, "cuda")</c>).
/// </summary>
public sealed class BlockDevice : IExecutionDevice
{
    /// <summary>The fraction of the device's memory that blocks may use when no limit is given.</summary>
    public const double DefaultMemoryFraction = 0.5;

    /// <summary>Creates a device over <paramref name="accelerator"/>, disposing it with the device when <paramref name="ownsAccelerator"/>.</summary>
    /// <param name="accelerator">The accelerator that runs the block math.</param>
    /// <param name="memoryLimitBytes">The most bytes of blocks kept in its memory; past it the least recently used are evicted to the host.</param>
    /// <param name="ownsAccelerator">Whether disposing the device disposes the accelerator.</param>
    /// <exception cref="ArgumentOutOfRangeException">The limit is not positive.</exception>
    public BlockDevice(Accelerator accelerator, long memoryLimitBytes, bool ownsAccelerator = false)
    {
        Blocks = new DeviceBlocks(accelerator, memoryLimitBytes, ownsAccelerator);
    }

    /// <inheritdoc />
    public string Name => Accelerator.Device.Id;

    /// <summary>The accelerator, with its counts of host↔device copies.</summary>
    public Accelerator Accelerator => Blocks.Accelerator;

    /// <summary>The blocks on the device and their cache (memory limit, bytes held, evictions).</summary>
    public DeviceBlocks Blocks { get; }

    /// <summary>
    /// Opens the device named <paramref name="name"/> (<c>cpu</c>, <c>ilgpu-cpu</c>, <c>cuda</c>, <c>cuda:N</c>, <c>opencl</c> or <c>opencl:N</c>)
    /// with its own accelerator, limited to <see cref="ExecutionDeviceOptions.MemoryLimitBytes"/>
    /// or <see cref="DefaultMemoryFraction"/> of the device's memory.
    /// </summary>
    /// <exception cref="DeviceUnavailableException">The device is not available here; the message says why (such as <c>libcuda.so.1 not found</c>).</exception>
    /// <exception cref="ArgumentException">The name is none of those.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The memory limit is not positive.</exception>
    public static BlockDevice Open(string name, ExecutionDeviceOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options ??= new ExecutionDeviceOptions();
        if (options.MemoryLimitBytes is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MemoryLimitBytes, "The device memory limit must be positive.");
        }

        Accelerator accelerator;
        try
        {
            accelerator = AcceleratorContext.Create(name).CreateAccelerator(options.Debug);
        }
        catch (AcceleratorUnavailableException e)
        {
            throw new DeviceUnavailableException(e.DeviceName, e.Reason, e);
        }

        var limit = options.MemoryLimitBytes ?? (long)(accelerator.Device.MemoryBytes * DefaultMemoryFraction);
        return new BlockDevice(accelerator, Math.Max(limit, 1), ownsAccelerator: true);
    }

    /// <inheritdoc />
    public object? ToHost(object? value) => Blocks.ToHost(value);

    /// <inheritdoc />
    public void Release(object? value) => Blocks.Release(value);

    /// <summary>Frees every block on the device, and the accelerator when the device owns it.</summary>
    public void Dispose() => Blocks.Dispose();

    /// <summary>Describes the device: its accelerator and what it holds.</summary>
    public override string ToString() => Blocks.ToString();
}

/// <summary>Opens <see cref="BlockDevice"/>s for <see cref="ExecutionDevices.Open"/>.</summary>
public sealed class BlockDeviceProvider : IExecutionDeviceProvider
{
    /// <inheritdoc />
    public IExecutionDevice Open(string name, ExecutionDeviceOptions options) => BlockDevice.Open(name, options);
}

using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace MiniDask.Graph.Devices;

/// <summary>
/// Opening execution devices by name. A scheduler or worker passes its device to
/// <see cref="TaskRunner.Run"/> for every task, which hands it to device ops. Devices are opened
/// by the provider that the MiniDask.Array assembly declares (the accelerators of
/// MiniDask.Kernels), or one set with <see cref="Provider"/>, so schedulers name a device without
/// referencing the kernels.
/// </summary>
public static class ExecutionDevices
{
    private const string ProviderAssembly = "MiniDask.Array";

    private static readonly Lazy<IExecutionDeviceProvider> Discovered = new(Discover);
    private static IExecutionDeviceProvider? provider;

    /// <summary>The provider <see cref="Open"/> uses; setting it replaces the discovered one process-wide, and setting null restores that.</summary>
    /// <exception cref="InvalidOperationException">Nothing was set and no assembly declares a provider.</exception>
    [AllowNull]
    public static IExecutionDeviceProvider Provider
    {
        get => Volatile.Read(ref provider) ?? Discovered.Value;
        set => Volatile.Write(ref provider, value);
    }

    /// <summary>
    /// Opens the device named <paramref name="name"/>: <c>cpu</c> (the host's SIMD and BLAS),
    /// <c>ilgpu-cpu</c> (ILGPU's CPU accelerator), <c>cuda</c> (the first GPU), <c>cuda:N</c>,
    /// <c>opencl</c> or <c>opencl:N</c>.
    /// </summary>
    /// <exception cref="DeviceUnavailableException">The device is not available here; the message says why (such as <c>libcuda.so.1 not found</c>).</exception>
    /// <exception cref="ArgumentException">The name is none of those.</exception>
    public static IExecutionDevice Open(string name, ExecutionDeviceOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Provider.Open(name, options ?? new ExecutionDeviceOptions());
    }

    private static IExecutionDeviceProvider Discover()
    {
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(ProviderAssembly);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            throw new InvalidOperationException(
                $"No execution device provider: reference {ProviderAssembly} (for the CPU and ILGPU accelerators) or set ExecutionDevices.Provider.", e);
        }

        var attribute = assembly.GetCustomAttribute<ExecutionDeviceProviderAttribute>()
            ?? throw new InvalidOperationException($"{ProviderAssembly} does not declare an execution device provider.");
        return (IExecutionDeviceProvider)(Activator.CreateInstance(attribute.ProviderType)
            ?? throw new InvalidOperationException($"Could not create {attribute.ProviderType.FullName}."));
    }
}

/// <summary>Opens execution devices by name; see <see cref="ExecutionDevices.Open"/>.</summary>
public interface IExecutionDeviceProvider
{
    /// <summary>Opens the device named <paramref name="name"/> with <paramref name="options"/>.</summary>
    /// <exception cref="DeviceUnavailableException">The device is not available here.</exception>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    IExecutionDevice Open(string name, ExecutionDeviceOptions options);
}

/// <summary>Declares the <see cref="IExecutionDeviceProvider"/> type (with a public parameterless constructor) of an assembly.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class ExecutionDeviceProviderAttribute(Type providerType) : Attribute
{
    /// <summary>The provider type.</summary>
    public Type ProviderType { get; } = providerType;
}

/// <summary>How an execution device is opened.</summary>
public sealed record ExecutionDeviceOptions
{
    /// <summary>The most bytes of blocks kept in device memory before the least recently used are evicted to the host; null for half the device's memory.</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>
    /// For the <c>cpu</c> device: emulate a device (work deferred until synchronized, memory the
    /// host cannot read directly), so that a missing copy shows in tests. Ignored by ILGPU devices,
    /// which always work that way.
    /// </summary>
    public bool Debug { get; init; }
}

/// <summary>
/// The execution device asked for cannot be used here; <see cref="Exception.Message"/> says why,
/// such as <c>Device 'cuda' is not available: libcuda.so.1 not found</c>.
/// </summary>
public sealed class DeviceUnavailableException : Exception
{
    /// <summary>Creates the exception for <paramref name="deviceName"/> with the reason it is unavailable.</summary>
    public DeviceUnavailableException(string deviceName, string reason, Exception? inner = null)
        : base($"Device '{deviceName}' is not available: {reason}", inner)
    {
        DeviceName = deviceName;
        Reason = reason;
    }

    /// <summary>The device name that was asked for.</summary>
    public string DeviceName { get; }

    /// <summary>Why it is unavailable.</summary>
    public string Reason { get; }
}

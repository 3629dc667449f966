using MiniDask.Graph;
using MiniDask.Graph.Devices;
using MiniDask.Scheduler;

namespace MiniDask.Array.Tests.Conformance;

/// <summary>
/// The ways the conformance suite computes an array in this process: on the host with the
/// local scheduler's threads, and on every execution device in <see cref="DeviceNames"/> with a
/// device-memory limit so small that blocks are evicted and uploaded again mid-run. Each mode's
/// result must equal the single-threaded host reference: bit for bit on the host and on
/// <c>cpu</c>, whose kernels are the host's; on an ILGPU device (<c>ilgpu-cpu</c>) bit for bit
/// too, except float values that a device kernel sums in its own order (sums, means, matrix
/// products), which must agree within <see cref="Tolerance"/> of the values' scale. (The
/// LocalCluster mode is <see cref="ClusterConformanceTests"/>, which needs worker processes.)
/// </summary>
public static class ExecutionModes
{
    /// <summary>The host: the local scheduler on two threads, no device.</summary>
    public const string Host = "host";

    /// <summary>The prefix of a device mode's name, followed by the device's name.</summary>
    public const string DevicePrefix = "device:";

    /// <summary>
    /// Device memory each device mode may use: a few small blocks, so a run evicts blocks to
    /// the host and uploads them again while they are still read.
    /// </summary>
    public const long TinyDeviceMemoryBytes = 4 << 10;

    /// <summary>
    /// The execution devices every machine running the tests has, by the name
    /// <see cref="ExecutionDevices.Open"/> takes: one line per device. A device listed here
    /// must open; each runs in the debug mode where it has one (device memory the host cannot
    /// read, deferred work), so a missing copy or synchronize shows as a wrong value.
    /// </summary>
    public static readonly IReadOnlyList<string> DeviceNames =
    [
        "cpu",
        "ilgpu-cpu",
    ];

    /// <summary>
    /// Whether results in <paramref name="mode"/> must have the host's bits everywhere: the host
    /// and the <c>cpu</c> device do. ILGPU devices reduce and multiply in their own order.
    /// </summary>
    public static bool IsBitExact(string mode) => mode is Host or DevicePrefix + "cpu";

    /// <summary>
    /// How far an ILGPU device's float results may be from the host's, relative to the largest
    /// expected magnitude: a few hundred ulps of float64 or float32, what summing some thousands
    /// of terms in another order can change.
    /// </summary>
    public static double Tolerance(string dtype) => dtype == "float32" ? 1e-5 : 1e-12;

    /// <summary>Every mode: the host, then each device.</summary>
    public static IReadOnlyList<string> All { get; } = [Host, .. DeviceNames.Select(d => DevicePrefix + d)];

    /// <summary>The device modes only.</summary>
    public static IReadOnlyList<string> Devices { get; } = [.. DeviceNames.Select(d => DevicePrefix + d)];

    /// <summary>The modes as xunit theory data.</summary>
    public static TheoryData<string> AllData() => [.. All];

    /// <summary>The device modes as xunit theory data.</summary>
    public static TheoryData<string> DeviceData() => [.. Devices];

    /// <summary>A scheduler that computes in <paramref name="mode"/>; dispose it to close its device.</summary>
    /// <exception cref="ArgumentException">The mode is not one of <see cref="All"/>.</exception>
    public static LocalScheduler Open(string mode, long deviceMemoryBytes = TinyDeviceMemoryBytes)
    {
        if (mode == Host)
        {
            return new LocalScheduler(2);
        }

        if (mode.StartsWith(DevicePrefix, StringComparison.Ordinal) && DeviceNames.Contains(mode[DevicePrefix.Length..]))
        {
            var options = new ExecutionDeviceOptions { MemoryLimitBytes = deviceMemoryBytes, Debug = true };
            return new LocalScheduler(2, mode[DevicePrefix.Length..], options);
        }

        throw new ArgumentException($"Unknown execution mode '{mode}'; the modes are {string.Join(", ", All)}.", nameof(mode));
    }
}

namespace MiniDask.Kernels.Accelerators;

/// <summary>
/// The device asked for cannot be used here; <see cref="Exception.Message"/> says why, such as
/// <c>libcuda.so.1 not found</c> or <c>no CUDA device with ordinal 3 (found 1)</c>.
/// </summary>
public sealed class AcceleratorUnavailableException : Exception
{
    /// <summary>Creates the exception for <paramref name="deviceName"/> with the reason it is unavailable.</summary>
    public AcceleratorUnavailableException(string deviceName, string reason, Exception? inner = null)
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

namespace MiniDask.Kernels.Accelerators;

/// <summary>The kind of processor an <see cref="Accelerator"/> runs on.</summary>
public enum AcceleratorKind
{
    /// <summary>The host's cores, through TensorPrimitives and the CPU GEMM.</summary>
    Cpu,

    /// <summary>An NVIDIA GPU, through the CUDA driver API, NVRTC and cuBLAS.</summary>
    Cuda,
}

/// <summary>A processor found by <see cref="AcceleratorContext"/> that an <see cref="Accelerator"/> can be created on.</summary>
/// <param name="Kind">CPU or CUDA.</param>
/// <param name="Ordinal">The device's index among devices of its kind (the CUDA ordinal; 0 for the CPU).</param>
/// <param name="Name">The device's name, such as <c>NVIDIA H100 80GB HBM3</c>.</param>
/// <param name="MemoryBytes">The memory the device has (host memory available to the process for the CPU).</param>
/// <param name="ComputeCapability">The CUDA compute capability as <c>(major, minor)</c>; <c>(0, 0)</c> for the CPU.</param>
public sealed record Device(AcceleratorKind Kind, int Ordinal, string Name, long MemoryBytes, (int Major, int Minor) ComputeCapability)
{
    /// <summary>The name used to select the device: <c>cpu</c>, or <c>cuda</c> / <c>cuda:N</c> for CUDA ordinal N.</summary>
    public string Id => Kind == AcceleratorKind.Cpu ? "cpu" : $"cuda:{Ordinal}";

    /// <summary>A one-line description: id, name, memory and, for CUDA, the compute capability.</summary>
    public override string ToString() => Kind == AcceleratorKind.Cpu
        ? $"{Id}: {Name}, {MemoryBytes / (1024.0 * 1024 * 1024):F1} GiB"
        : $"{Id}: {Name}, {MemoryBytes / (1024.0 * 1024 * 1024):F1} GiB, sm_{ComputeCapability.Major}{ComputeCapability.Minor}";
}

namespace MiniDask.Kernels.Accelerators;

/// <summary>The kind of processor an <see cref="Accelerator"/> runs on.</summary>
public enum AcceleratorKind
{
    /// <summary>The host's cores through the host's own drivers (TensorPrimitives and BLAS): device <c>cpu</c>.</summary>
    Cpu,

    /// <summary>ILGPU's CPU accelerator, running the very kernels a GPU runs on emulated threads: device <c>ilgpu-cpu</c>.</summary>
    IlgpuCpu,

    /// <summary>An NVIDIA GPU through ILGPU's CUDA backend and cuBLAS: devices <c>cuda:N</c>.</summary>
    Cuda,

    /// <summary>A GPU or other device through ILGPU's OpenCL backend: devices <c>opencl:N</c>.</summary>
    OpenCL,
}

/// <summary>A processor found by <see cref="AcceleratorContext"/> that an <see cref="Accelerator"/> can be created on.</summary>
/// <param name="Kind">Which backend runs it.</param>
/// <param name="Ordinal">The device's index among devices of its kind (the CUDA ordinal; 0 for the CPU ones).</param>
/// <param name="Name">The device's name, such as <c>NVIDIA H100 80GB HBM3</c>.</param>
/// <param name="MemoryBytes">The memory the device has (host memory available to the process for the CPU ones).</param>
/// <param name="ComputeCapability">The CUDA compute capability as <c>(major, minor)</c>; <c>(0, 0)</c> for other kinds.</param>
public sealed record Device(AcceleratorKind Kind, int Ordinal, string Name, long MemoryBytes, (int Major, int Minor) ComputeCapability)
{
    /// <summary>The name used to select the device: <c>cpu</c>, <c>ilgpu-cpu</c>, <c>cuda:N</c> or <c>opencl:N</c>.</summary>
    public string Id => Kind switch
    {
        AcceleratorKind.Cpu => "cpu",
        AcceleratorKind.IlgpuCpu => "ilgpu-cpu",
        AcceleratorKind.Cuda => $"cuda:{Ordinal}",
        _ => $"opencl:{Ordinal}",
    };

    /// <summary>A one-line description: id, name, memory and, for CUDA, the compute capability.</summary>
    public override string ToString() => Kind == AcceleratorKind.Cuda
        ? $"{Id}: {Name}, {MemoryBytes / (1024.0 * 1024 * 1024):F1} GiB, compute capability {ComputeCapability.Major}.{ComputeCapability.Minor}"
        : $"{Id}: {Name}, {MemoryBytes / (1024.0 * 1024 * 1024):F1} GiB";
}

using System.CommandLine;
using MiniDask.Kernels;
using MiniDask.Kernels.Accelerators;

namespace MiniDask.Cli.Commands;

/// <summary><c>minidask devices</c>: the devices block math can run on here and, where CUDA is unusable, why.</summary>
internal static class DevicesCommand
{
    public static Command Create()
    {
        var command = new Command("devices", "List the devices found for block math (cpu, and every ILGPU device: ilgpu-cpu, cuda:N, opencl:N) with memory and compute capability, and why CUDA is unavailable where it is.");
        command.SetAction(parse => Run(parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(TextWriter output)
    {
        var context = AcceleratorContext.Discover();
        output.WriteLine($"{context.Cpu} (GEMM: {Gemm.Backend})");
        foreach (var device in context.IlgpuDevices)
        {
            output.WriteLine($"{device} (ILGPU)");
        }

        if (context.CudaDevices.Count == 0)
        {
            output.WriteLine($"cuda: unavailable: {context.CudaUnavailableReason}");
        }

        return 0;
    }
}

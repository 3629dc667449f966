using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "gpu")
{
    return MiniDask.Benchmarks.GpuKernelBenchmarks.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "gpu-devices")
{
    var context = MiniDask.Kernels.Accelerators.AcceleratorContext.Discover();
    foreach (var device in context.Devices)
    {
        Console.WriteLine(device);
    }

    Console.WriteLine(context.CudaUnavailableReason is { } reason ? $"cuda: unavailable: {reason}" : "cuda: available");
    return 0;
}

if (args.Length > 0 && args[0] == "gpu-tests")
{
    return MiniDask.Benchmarks.GpuTestRunner.Run(args.Length > 1 ? args[1] : "cuda");
}

BenchmarkSwitcher.FromAssembly(typeof(MiniDask.Benchmarks.SchedulerOverheadBenchmarks).Assembly).Run(args);
return 0;

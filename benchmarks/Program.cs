using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "gpu")
{
    return MiniDask.Benchmarks.GpuKernelBenchmarks.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(MiniDask.Benchmarks.SchedulerOverheadBenchmarks).Assembly).Run(args);
return 0;

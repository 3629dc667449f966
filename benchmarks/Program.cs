using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(MiniDask.Benchmarks.SchedulerOverheadBenchmarks).Assembly).Run(args);

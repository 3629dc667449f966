using System.Diagnostics;
using System.Reflection;
using MiniDask.Kernels.Tests.Accelerators;
using MiniDask.Tests.Devices;
using Xunit;

namespace MiniDask.Benchmarks;

/// <summary>
/// Runs the CUDA test classes of MiniDask.Kernels.Tests (those marked <see cref="ICudaTests"/>)
/// without a test host, for a GPU machine that has no .NET SDK: <c>gpu-check</c> publishes this
/// program self-contained. Each parameterless test method runs on a fresh instance, as xunit
/// runs it; the output is one line per test and a total. <c>gpu-tests ilgpu-cpu</c> runs the same
/// tests' ILGPU CPU accelerator classes instead, which checks the runner on any machine.
/// </summary>
public static class GpuTestRunner
{
    /// <summary>Runs the tests of <paramref name="device"/> (<c>cuda</c> or <c>ilgpu-cpu</c>); returns 0 when none failed (1 otherwise, 77 when CUDA is unavailable and they skip).</summary>
    public static int Run(string device = "cuda")
    {
        var cuda = device != "ilgpu-cpu";
        if (cuda && CudaAvailability.SkipReason is { } reason)
        {
            Console.WriteLine($"cuda tests skipped: {reason}");
            return 77;
        }

        var classes = typeof(AcceleratorTests).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true }
                && (cuda ? typeof(ICudaTests).IsAssignableFrom(t) : t.Name.StartsWith("IlgpuCpu", StringComparison.Ordinal)))
            .OrderBy(t => t.Name, StringComparer.Ordinal);
        var (passed, failed) = (0, 0);
        foreach (var type in classes)
        {
            var tests = type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m.GetParameters().Length == 0 && m.GetCustomAttributes().Any(a => a is FactAttribute))
                .OrderBy(m => m.Name, StringComparer.Ordinal);
            foreach (var test in tests)
            {
                var watch = Stopwatch.StartNew();
                var instance = Activator.CreateInstance(type)!;
                try
                {
                    test.Invoke(instance, null);
                    passed++;
                    Console.WriteLine($"PASS {type.Name}.{test.Name} ({watch.ElapsedMilliseconds} ms)");
                }
                catch (TargetInvocationException e)
                {
                    failed++;
                    Console.WriteLine($"FAIL {type.Name}.{test.Name} ({watch.ElapsedMilliseconds} ms): {e.InnerException?.GetType().Name}: {e.InnerException?.Message}");
                }
                finally
                {
                    (instance as IDisposable)?.Dispose();
                }
            }
        }

        Console.WriteLine($"{device} tests: {passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}

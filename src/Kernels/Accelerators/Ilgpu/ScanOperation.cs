using System.Numerics;
using ILGPU.Algorithms.ScanReduceOperations;

namespace MiniDask.Kernels.Accelerators.Ilgpu;

/// <summary>
/// A running sum as ILGPU.Algorithms' scan operation, combining with <typeparamref name="TOp"/>
/// (whose identity must be zero, as <see cref="SumOperator{T}"/>'s is). The scan never applies it
/// atomically; <see cref="AtomicApply"/> is the plain combine the interface asks for.
/// </summary>
internal readonly struct ScanOperation<TOp, T> : IScanReduceOperation<T>
    where TOp : IReductionOperator<T>
    where T : unmanaged, INumber<T>
{
    public string CLCommand => "add";

    public T Identity => T.Zero;

    public T Apply(T first, T second) => TOp.Combine(first, second);

    public void AtomicApply(ref T target, T value) => target = TOp.Combine(target, value);
}

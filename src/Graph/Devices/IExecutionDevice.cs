namespace MiniDask.Graph.Devices;

/// <summary>
/// A device that a scheduler or worker runs block math on, such as a GPU. The scheduler (or
/// worker) passes it to <see cref="TaskRunner.Run"/> with every task; device ops
/// (<see cref="OpRegistry.RegisterDeviceOp"/>) keep their results in its memory, so intermediates stay there from task to
/// task. What this seam needs from a device is what a scheduler does with results: convert the
/// ones that leave (outputs, values sent away, arguments of ops that read only host values) and
/// give up the ones no task needs any more.
/// </summary>
public interface IExecutionDevice : IDisposable
{
    /// <summary>The device's name, such as <c>cpu</c>, <c>ilgpu-cpu</c> or <c>cuda:0</c>.</summary>
    string Name { get; }

    /// <summary>
    /// <paramref name="value"/> as the host sees it: a value in device memory is copied out, a
    /// list (<c>object?[]</c>) has its items converted, and anything else is returned as it is.
    /// </summary>
    object? ToHost(object? value);

    /// <summary>
    /// Tells the device that <paramref name="value"/> is no longer held by anyone who ran on it:
    /// its device memory (or the device copy of a host value) is freed.
    /// </summary>
    void Release(object? value);
}

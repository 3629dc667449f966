using System.Runtime.CompilerServices;
using MiniDask.Graph.Devices;

namespace MiniDask.Graph;

/// <summary>
/// Runs one task: resolves its arguments against the results it depends on and calls its op.
/// Every scheduler executes tasks through this, so all of them agree on argument semantics.
/// The scheduler or worker passes the execution device its tasks run on: an op registered with
/// <see cref="OpRegistry.RegisterDeviceOp"/> gets it with its arguments as they are, and any other
/// op gets its arguments converted to host values. Host and device runs follow one path: every argument is
/// reported to <see cref="ValueRecycling.Derived"/> with the result (so an input the result
/// aliases is never recycled while the result is read), and the results of nested tasks, which
/// no scheduler holds, are given up (to the device, then to recycling) once the op has run.
/// </summary>
public static class TaskRunner
{
    /// <summary>
    /// Runs <paramref name="task"/> on <paramref name="device"/> (null: the host), reading
    /// dependency results through <paramref name="results"/>. Exceptions from the op propagate
    /// unchanged; the caller wraps them with the key.
    /// </summary>
    /// <exception cref="InsufficientExecutionStackException">
    /// Nested tasks are too deep to run on this thread's stack (fusion caps their depth, so only
    /// hand-built tasks reach this); thrown instead of overflowing the stack, which would end the process.
    /// </exception>
    public static object? Run<TLookup>(DaskTask task, TLookup results, IExecutionDevice? device = null)
        where TLookup : IResultLookup
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var deviceFunction = task.DeviceFunction;
        var context = new Context(device, deviceFunction is not null);
        var args = task.Args;
        var values = args.Count == 0 ? [] : new object?[args.Count];
        object? result = null;
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = context.Resolve(args[i], results);
            }

            result = deviceFunction is not null ? deviceFunction(values, device) : task.Function(values);
            for (var i = 0; i < values.Length; i++)
            {
                ValueRecycling.Derived(values[i], result);
            }

            return result;
        }
        catch (Exception e) when (TaskFailedException.NoteFailingOp(e, task.Op))
        {
            throw;
        }
        finally
        {
            context.ReleaseNested(result);
        }
    }

    /// <summary>
    /// Argument resolution for one task: host conversion where a device is current and the op
    /// needs host values, and the results of nested tasks to give up once the op has run.
    /// </summary>
    private struct Context(IExecutionDevice? device, bool acceptsDeviceValues)
    {
        private List<object?>? nested;

        public object? Resolve<TLookup>(TaskArg arg, TLookup results)
            where TLookup : IResultLookup
        {
            switch (arg)
            {
                case LiteralArg l:
                    return l.Value;
                case KeyRefArg r:
                    return Convert(results.Get(r.Key));
                case ListArg list:
                    var items = new object?[list.Items.Count];
                    for (var i = 0; i < items.Length; i++)
                    {
                        items[i] = Resolve(list.Items[i], results);
                    }

                    return items;
                case NestedArg n:
                    var produced = TaskRunner.Run(n.Task, results, device);
                    (nested ??= []).Add(produced);
                    return Convert(produced);
                default:
                    throw new InvalidOperationException($"Unknown argument kind {arg.GetType().Name}.");
            }
        }

        /// <summary>
        /// Gives up what nested tasks produced, except a value the op passed through as its result:
        /// the device frees its copy first, then the value's memory may be recycled (an input the
        /// result aliases was marked shared by <see cref="ValueRecycling.Derived"/> and is kept).
        /// </summary>
        public readonly void ReleaseNested(object? result)
        {
            if (nested is null)
            {
                return;
            }

            foreach (var value in nested)
            {
                if (ReferenceEquals(value, result))
                {
                    continue;
                }

                device?.Release(value);
                ValueRecycling.Released(value);
            }
        }

        private readonly object? Convert(object? value) =>
            device is null || acceptsDeviceValues ? value : device.ToHost(value);
    }
}

/// <summary>Where a running task reads the results of its dependencies.</summary>
public interface IResultLookup
{
    /// <summary>The result computed for <paramref name="key"/>.</summary>
    object? Get(Key key);
}

using System.Runtime.CompilerServices;
using MiniDask.Graph.Devices;

namespace MiniDask.Graph;

/// <summary>
/// Runs one task: resolves its arguments against the results it depends on and calls its op.
/// Every scheduler executes tasks through this, so all of them agree on argument semantics.
/// With an execution device current on the thread (<see cref="ExecutionDevices.Current"/>),
/// an op that does not take device values (<see cref="OpRegistry.RegisterDeviceOp"/>) gets its
/// arguments converted to host values, and the results of nested tasks, which no scheduler
/// holds, are released on the device once the op has run.
/// </summary>
public static class TaskRunner
{
    /// <summary>
    /// Runs <paramref name="task"/>, reading dependency results through <paramref name="results"/>.
    /// Exceptions from the op propagate unchanged; the caller wraps them with the key.
    /// </summary>
    /// <exception cref="InsufficientExecutionStackException">
    /// Nested tasks are too deep to run on this thread's stack (fusion caps their depth, so only
    /// hand-built tasks reach this); thrown instead of overflowing the stack, which would end the process.
    /// </exception>
    public static object? Run<TLookup>(DaskTask task, TLookup results)
        where TLookup : IResultLookup
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        return ExecutionDevices.Current is { } device ? RunOnDevice(task, results, device) : RunOnHost(task, results);
    }

    private static object? RunOnHost<TLookup>(DaskTask task, TLookup results)
        where TLookup : IResultLookup
    {
        var args = task.Args;
        var values = args.Count == 0 ? [] : new object?[args.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Resolve(args[i], results);
        }

        object? result;
        try
        {
            result = task.Function(values);
        }
        catch (Exception e) when (TaskFailedException.NoteFailingOp(e, task.Op))
        {
            throw;
        }

        for (var i = 0; i < values.Length; i++)
        {
            ValueRecycling.Derived(values[i], result);
        }

        // Results of nested (fused) tasks live only inside this call: release them now.
        for (var i = 0; i < values.Length; i++)
        {
            ReleaseNested(args[i], values[i]);
        }

        return result;
    }

    private static void ReleaseNested(TaskArg arg, object? value)
    {
        switch (arg)
        {
            case NestedArg:
                ValueRecycling.Released(value);
                break;
            case ListArg list when value is object?[] items:
                for (var j = 0; j < items.Length; j++)
                {
                    ReleaseNested(list.Items[j], items[j]);
                }

                break;
        }
    }

    private static object? RunOnDevice<TLookup>(DaskTask task, TLookup results, IExecutionDevice device)
        where TLookup : IResultLookup
    {
        var function = task.Function;
        var context = new DeviceContext(device, task.AcceptsDeviceValues);
        object? result = null;
        try
        {
            var args = task.Args;
            var values = args.Count == 0 ? [] : new object?[args.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = context.Resolve(args[i], results);
            }

            result = function(values);
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

    private static object? Resolve<TLookup>(TaskArg arg, TLookup results)
        where TLookup : IResultLookup => arg switch
    {
        LiteralArg l => l.Value,
        KeyRefArg r => results.Get(r.Key),
        ListArg list => ResolveList(list, results),
        NestedArg n => Run(n.Task, results),
        _ => throw new InvalidOperationException($"Unknown argument kind {arg.GetType().Name}."),
    };

    private static object?[] ResolveList<TLookup>(ListArg list, TLookup results)
        where TLookup : IResultLookup
    {
        var items = new object?[list.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Resolve(list.Items[i], results);
        }

        return items;
    }

    /// <summary>Argument resolution for one task on a device: host conversion where the op needs it, and the nested results to give up afterwards.</summary>
    private sealed class DeviceContext(IExecutionDevice device, bool acceptsDeviceValues)
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
                    var value = results.Get(r.Key);
                    return acceptsDeviceValues ? value : device.ToHost(value);
                case ListArg list:
                    var items = new object?[list.Items.Count];
                    for (var i = 0; i < items.Length; i++)
                    {
                        items[i] = Resolve(list.Items[i], results);
                    }

                    return items;
                case NestedArg n:
                    var produced = Run(n.Task, results);
                    (nested ??= []).Add(produced);
                    return acceptsDeviceValues ? produced : device.ToHost(produced);
                default:
                    throw new InvalidOperationException($"Unknown argument kind {arg.GetType().Name}.");
            }
        }

        /// <summary>Releases what nested tasks produced, except a value the op passed through as its result.</summary>
        public void ReleaseNested(object? result)
        {
            if (nested is null)
            {
                return;
            }

            foreach (var value in nested)
            {
                if (!ReferenceEquals(value, result))
                {
                    device.Release(value);
                }
            }
        }
    }
}

/// <summary>Where a running task reads the results of its dependencies.</summary>
public interface IResultLookup
{
    /// <summary>The result computed for <paramref name="key"/>.</summary>
    object? Get(Key key);
}

using System.Reflection;

namespace MiniDask.Graph;

/// <summary>
/// The ambient default scheduler used by <c>Compute()</c> with no scheduler argument: a scope set
/// with <see cref="Use"/>, else the process-wide <see cref="Default"/>, else the scheduler that
/// the MiniDask.Scheduler assembly declares (the local thread-pool scheduler).
/// </summary>
public static class Schedulers
{
    private static readonly AsyncLocal<IScheduler?> Scoped = new();
    private static readonly Lazy<IScheduler> Discovered = new(Discover);
    private static IScheduler? global;

    /// <summary>The scheduler <c>Compute()</c> uses when none is passed. Setting it changes it process-wide.</summary>
    /// <exception cref="InvalidOperationException">Nothing was set and no assembly declares a default scheduler.</exception>
    public static IScheduler Default
    {
        get => Scoped.Value ?? Volatile.Read(ref global) ?? Discovered.Value;
        set => Volatile.Write(ref global, value);
    }

    /// <summary>Makes <paramref name="scheduler"/> the default for the current async flow until disposed.</summary>
    public static IDisposable Use(IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        var previous = Scoped.Value;
        Scoped.Value = scheduler;
        return new Restore(previous);
    }

    private static IScheduler Discover()
    {
        const string assemblyName = "MiniDask.Scheduler";
        Assembly assembly;
        try
        {
            assembly = Assembly.Load(assemblyName);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            throw new InvalidOperationException(
                $"No default scheduler: reference {assemblyName} (for the local scheduler) or set Schedulers.Default.", e);
        }

        var attribute = assembly.GetCustomAttribute<DefaultSchedulerAttribute>()
            ?? throw new InvalidOperationException($"{assemblyName} does not declare a default scheduler.");
        return (IScheduler)(Activator.CreateInstance(attribute.SchedulerType)
            ?? throw new InvalidOperationException($"Could not create {attribute.SchedulerType.FullName}."));
    }

    private sealed class Restore(IScheduler? previous) : IDisposable
    {
        public void Dispose() => Scoped.Value = previous;
    }
}

/// <summary>Declares the scheduler type (with a public parameterless constructor) that is the process default.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class DefaultSchedulerAttribute(Type schedulerType) : Attribute
{
    /// <summary>The scheduler type.</summary>
    public Type SchedulerType { get; } = schedulerType;
}

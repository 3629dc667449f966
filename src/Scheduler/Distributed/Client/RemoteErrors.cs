using System.Reflection;
using MiniDask.Graph;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Turns an error reported by a worker back into an exception: an exception of the same type
/// when this process knows the type and can make one from a message, else a
/// <see cref="RemoteException"/>. The worker's stack trace is in <see cref="Exception.Data"/> under
/// <see cref="StackTraceKey"/>.
/// </summary>
internal static class RemoteErrors
{
    public const string StackTraceKey = "RemoteStackTrace";

    public static Exception Create(string type, string message, string traceback)
    {
        var exception = TryRecreate(type, message) ?? new RemoteException(type, message, traceback);
        exception.Data[StackTraceKey] = traceback;
        return exception;
    }

    private static Exception? TryRecreate(string typeName, string message)
    {
        if (typeName == typeof(UnknownOpException).FullName)
        {
            var start = message.IndexOf('\'', StringComparison.Ordinal);
            var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
            return end > start ? new UnknownOpException(message[(start + 1)..end]) : null;
        }

        var type = string.IsNullOrEmpty(typeName) ? null : FindType(typeName);
        if (type is null || !typeof(Exception).IsAssignableFrom(type) || type.GetConstructor([typeof(string)]) is null)
        {
            return null;
        }

        try
        {
            return (Exception?)Activator.CreateInstance(type, message);
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }

    private static Type? FindType(string name)
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.GetType(name, throwOnError: false) is { } type)
            {
                return type;
            }
        }

        return null;
    }
}

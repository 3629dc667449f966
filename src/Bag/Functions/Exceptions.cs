using MiniDask.Graph;

namespace MiniDask.Bag;

/// <summary>
/// A user function (a selector, predicate, key or fold passed to a bag operation) threw. The
/// message names the function and where it failed: the partition, the input element and the value
/// the function received, or the combine step and key. The original exception is
/// <see cref="Exception.InnerException"/>; schedulers wrap this in their task-failure exception,
/// whose key also carries the partition index.
/// </summary>
public sealed class UserFunctionException : Exception
{
    private UserFunctionException(string function, int? partition, long? element, string where, Exception inner)
        : base($"{function} failed {where}: {inner.GetType().Name}: {inner.Message}", inner)
    {
        Function = function;
        Partition = partition;
        Element = element;
    }

    /// <summary>The readable name of the function that failed.</summary>
    public string Function { get; }

    /// <summary>The partition it failed on; null when it failed while combining partial results or on the sequence given to Join.</summary>
    public int? Partition { get; }

    /// <summary>
    /// The index, within the partition's input, of the element being processed (for a chain of
    /// element-wise stages, the input element the failing value came from); null when the failure is
    /// not tied to one element.
    /// </summary>
    public long? Element { get; }

    internal static UserFunctionException OnElement<T>(string function, int partition, long element, T value, Exception inner) =>
        new(function, partition, element, $"on partition {partition}, element {element} ({Describe(value)})", inner);

    internal static UserFunctionException OnJoinedElement<T>(string function, long element, T value, Exception inner) =>
        new(function, null, element, $"on element {element} ({Describe(value)}) of the joined sequence", inner);

    internal static UserFunctionException OnPartition(string function, int partition, Exception inner) =>
        new(function, partition, null, $"on partition {partition}", inner);

    internal static UserFunctionException OnCombine<TKey>(string function, TKey key, Exception inner) =>
        new(function, null, null, $"while combining partial results for key {Describe(key)}", inner);

    internal static UserFunctionException OnCombine(string function, Exception inner) =>
        new(function, null, null, "while combining partial results", inner);

    /// <summary>A short, safe rendering of a value for an error message.</summary>
    internal static string Describe(object? value)
    {
        const int max = 60;
        string text;
        try
        {
            text = value switch
            {
                null => "null",
                string s => $"\"{s}\"",
                _ => value.ToString() ?? value.GetType().Name,
            };
        }
        catch (Exception)
        {
            text = value!.GetType().Name;
        }

        return text.Length <= max ? text : text[..max] + "...";
    }
}

namespace MiniDask.Graph;

/// <summary>
/// Lets the owner of a value type reuse the memory of intermediate results (for dense blocks:
/// their buffers) once the engine is done with them. Schedulers and <see cref="TaskRunner"/>
/// report three moments of a value's life; the registered <see cref="IValueRecycler"/> decides
/// what that means for its types. With none registered, every call does nothing.
/// </summary>
public static class ValueRecycling
{
    private static IValueRecycler? recycler;

    /// <summary>Installs <paramref name="valueRecycler"/>, replacing any registered before.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="valueRecycler"/> is null.</exception>
    public static void Register(IValueRecycler valueRecycler)
    {
        ArgumentNullException.ThrowIfNull(valueRecycler);
        Volatile.Write(ref recycler, valueRecycler);
    }

    /// <summary>
    /// <paramref name="result"/> was computed from <paramref name="input"/>: if the result holds on
    /// to the input's memory (the same object, a view, a container of it), the input must never be recycled.
    /// </summary>
    public static void Derived(object? input, object? result)
    {
        if (input is not null)
        {
            recycler?.Derived(input, result);
        }
    }

    /// <summary>The engine will not read <paramref name="value"/> again: its memory may be reused.</summary>
    public static void Released(object? value)
    {
        if (value is not null)
        {
            recycler?.Released(value);
        }
    }

    /// <summary><paramref name="value"/> leaves the engine (a result handed to the caller): it must never be recycled.</summary>
    public static void Escaped(object? value)
    {
        if (value is not null)
        {
            recycler?.Escaped(value);
        }
    }
}

/// <summary>
/// Recycles the memory of values the engine has released (see <see cref="ValueRecycling"/>).
/// Implementations are called from many threads at once and must be cheap for values they do not own.
/// </summary>
public interface IValueRecycler
{
    /// <summary><paramref name="result"/> was computed from <paramref name="input"/>; keep the input if the result refers to its memory.</summary>
    void Derived(object input, object? result);

    /// <summary>The engine will not read <paramref name="value"/> again.</summary>
    void Released(object value);

    /// <summary><paramref name="value"/> is handed outside the engine and must be left alone.</summary>
    void Escaped(object value);
}

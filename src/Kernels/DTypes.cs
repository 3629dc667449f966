namespace MiniDask.Kernels;

/// <summary>
/// The element types blocks support and their NumPy names: <c>float64</c> (double),
/// <c>float32</c> (float), <c>int32</c> (int), <c>int64</c> (long), <c>bool</c> (<see cref="Bool"/>)
/// and <c>complex128</c> (<see cref="Complex128"/>).
/// </summary>
public static class DTypes
{
    /// <summary>The NumPy name of <typeparamref name="T"/>, such as <c>float64</c>.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a supported element type.</exception>
    public static string NameOf<T>() => NameOf(typeof(T));

    /// <summary>The NumPy name of <paramref name="type"/>, such as <c>float64</c>.</summary>
    /// <exception cref="NotSupportedException"><paramref name="type"/> is not a supported element type.</exception>
    public static string NameOf(Type type) =>
        type == typeof(double) ? "float64"
        : type == typeof(float) ? "float32"
        : type == typeof(int) ? "int32"
        : type == typeof(long) ? "int64"
        : type == typeof(Bool) ? "bool"
        : type == typeof(Complex128) ? "complex128"
        : throw new NotSupportedException(
            $"Element type {type.FullName} is not supported; use double (float64), float (float32), int (int32), long (int64), Bool (bool) or Complex128 (complex128).");

    /// <summary>The element type named <paramref name="name"/> (<c>float64</c>, <c>float32</c>, <c>int32</c>, <c>int64</c>, <c>bool</c>, <c>complex128</c>).</summary>
    /// <exception cref="NotSupportedException">No supported element type has that name.</exception>
    public static Type TypeOf(string name) => name switch
    {
        "float64" => typeof(double),
        "float32" => typeof(float),
        "int32" => typeof(int),
        "int64" => typeof(long),
        "bool" => typeof(Bool),
        "complex128" => typeof(Complex128),
        _ => throw new NotSupportedException($"Unknown dtype '{name}'; expected float64, float32, int32, int64, bool or complex128."),
    };

    /// <summary>The bytes one element of dtype <paramref name="name"/> takes: 8, 4, 1 for <c>bool</c>, or 16 for <c>complex128</c>.</summary>
    /// <exception cref="NotSupportedException">The name is not a supported dtype.</exception>
    public static int ItemSize(string name) => name switch
    {
        "float64" or "int64" => 8,
        "float32" or "int32" => 4,
        "bool" => 1,
        "complex128" => 16,
        _ => throw new NotSupportedException($"Unknown dtype '{name}'; expected float64, float32, int32, int64, bool or complex128."),
    };

    /// <summary>Whether <typeparamref name="T"/> is a supported element type.</summary>
    public static bool IsSupported<T>() =>
        typeof(T) == typeof(double) || typeof(T) == typeof(float) || typeof(T) == typeof(int) || typeof(T) == typeof(long) || typeof(T) == typeof(Bool)
        || typeof(T) == typeof(Complex128);
}

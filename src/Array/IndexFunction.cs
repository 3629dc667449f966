namespace MiniDask.Array;

/// <summary>
/// The value of an element given its index (one entry per axis), for
/// <see cref="DArray.FromFunction{T}(int[], Chunks, IndexFunction{T})"/>. Pass a static method or
/// a lambda that captures nothing, so that workers can find it by name.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="index">The element's index in the whole array; valid only during the call.</param>
public delegate T IndexFunction<T>(ReadOnlySpan<int> index);

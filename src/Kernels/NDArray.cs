using System.Numerics;

namespace MiniDask.Kernels;

/// <summary>Factories for <see cref="NDArray{T}"/> that infer or read the element type.</summary>
public static class NDArray
{
    /// <summary>Reads a NumPy <c>.npy</c> file whose dtype is <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid <c>.npy</c> file, or holds another dtype; the message names the path.</exception>
    public static NDArray<T> LoadNpy<T>(string path)
        where T : unmanaged, INumber<T>
    {
        using var stream = File.OpenRead(path);
        return WithPath(path, () => LoadNpy<T>(stream));
    }

    /// <summary>Reads a NumPy <c>.npy</c> array of dtype <typeparamref name="T"/> from <paramref name="stream"/>.</summary>
    /// <exception cref="InvalidDataException">The data is not a valid <c>.npy</c> array, or holds another dtype.</exception>
    public static NDArray<T> LoadNpy<T>(Stream stream)
        where T : unmanaged, INumber<T> => Npy.Read<T>(stream, Npy.ReadHeader(stream));

    /// <summary>Reads a NumPy <c>.npy</c> file of any supported dtype.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid <c>.npy</c> file, or its dtype is not supported; the message names the path.</exception>
    public static INDArray LoadNpy(string path)
    {
        using var stream = File.OpenRead(path);
        return WithPath(path, () => LoadNpy(stream));
    }

    /// <summary>Reads a NumPy <c>.npy</c> array of any supported dtype from <paramref name="stream"/>.</summary>
    /// <exception cref="InvalidDataException">The data is not a valid <c>.npy</c> array, or its dtype is not supported.</exception>
    public static INDArray LoadNpy(Stream stream)
    {
        var header = Npy.ReadHeader(stream);
        return header.DType switch
        {
            "float64" => Npy.Read<double>(stream, header),
            "float32" => Npy.Read<float>(stream, header),
            "int32" => Npy.Read<int>(stream, header),
            "int64" => Npy.Read<long>(stream, header),
            "bool" => Npy.Read<Bool>(stream, header),
            "int8" => Npy.Read<sbyte>(stream, header),
            "uint8" => Npy.Read<byte>(stream, header),
            "int16" => Npy.Read<short>(stream, header),
            "uint16" => Npy.Read<ushort>(stream, header),
            "uint32" => Npy.Read<uint>(stream, header),
            "uint64" => Npy.Read<ulong>(stream, header),
            "float16" => Npy.Read<Half>(stream, header),
            _ => Npy.Read<Complex128>(stream, header),
        };
    }

    /// <summary>Wraps <paramref name="data"/> (not copied) as an array of <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">The data length differs from the shape's element count.</exception>
    public static NDArray<T> FromArray<T>(T[] data, params ReadOnlySpan<int> shape)
        where T : unmanaged, INumber<T> => new(data, shape);

    /// <summary>A 0-d array holding <paramref name="value"/>.</summary>
    public static NDArray<T> Scalar<T>(T value)
        where T : unmanaged, INumber<T> => NDArray<T>.Scalar(value);

    private static TResult WithPath<TResult>(string path, Func<TResult> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }
}

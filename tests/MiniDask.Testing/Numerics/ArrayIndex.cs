namespace MiniDask.Testing;

/// <summary>Row-major index arithmetic for reference implementations in tests.</summary>
public static class ArrayIndex
{
    /// <summary>The number of elements of <paramref name="shape"/>.</summary>
    public static int Count(int[] shape) => shape.Aggregate(1, (n, d) => n * d);

    /// <summary>The multi-index of flat position <paramref name="flat"/> in <paramref name="shape"/> (axes of size 0 give 0).</summary>
    public static int[] Unravel(int flat, int[] shape)
    {
        var index = new int[shape.Length];
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            index[i] = shape[i] == 0 ? 0 : flat % shape[i];
            flat = shape[i] == 0 ? 0 : flat / shape[i];
        }

        return index;
    }

    /// <summary>The flat position of <paramref name="index"/> in <paramref name="shape"/>.</summary>
    public static int Ravel(int[] index, int[] shape)
    {
        var flat = 0;
        for (var i = 0; i < shape.Length; i++)
        {
            flat = (flat * shape[i]) + index[i];
        }

        return flat;
    }

    /// <summary>The row-major strides of <paramref name="shape"/>, in elements.</summary>
    public static int[] Strides(int[] shape)
    {
        var strides = new int[shape.Length];
        var step = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = step;
            step *= shape[i];
        }

        return strides;
    }
}

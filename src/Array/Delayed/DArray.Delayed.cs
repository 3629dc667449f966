using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

public static partial class DArray
{
    /// <summary>
    /// A one-block array whose block is the value of <paramref name="value"/> (Dask's
    /// <c>from_delayed(value, shape, dtype)</c>; the element type is the dtype). The shape is
    /// promised now and checked when the block is computed. Several of these combine with
    /// <see cref="Concatenate{T}"/> or <see cref="Stack{T}"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A dimension of <paramref name="shape"/> is negative.</exception>
    public static DArray<T> FromDelayed<T>(IDaskCollection<NDArray<T>> value, int[] shape)
        where T : unmanaged, INumber<T> => FromDelayedValue<T>(Delayed.From(value), shape);

    /// <summary>
    /// <see cref="FromDelayed{T}(IDaskCollection{NDArray{T}}, int[])"/> for a delayed value whose type
    /// is not an <see cref="NDArray{T}"/> (an untyped call): its result must be one when computed.
    /// </summary>
    /// <exception cref="ArgumentException">A dimension of <paramref name="shape"/> is negative, or the value's type can never be an NDArray of <typeparamref name="T"/>.</exception>
    public static DArray<T> FromDelayed<T>(IDelayed value, int[] shape)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.ResultType.IsAssignableFrom(typeof(NDArray<T>)))
        {
            throw new ArgumentException(
                $"FromDelayed<{DTypes.NameOf<T>()}> needs a delayed NDArray<{DTypes.NameOf<T>()}>, but {value.Key} is a delayed {value.ResultType.Name}.", nameof(value));
        }

        return FromDelayedValue<T>(value, shape);
    }

    private static DArray<T> FromDelayedValue<T>(IDelayed value, int[] shape)
        where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(shape);
        ChunkGrid.CheckShape(shape);
        var name = Tokenize.Name("from-value", value.Key, DTypes.NameOf<T>(), shape);
        var key = new Key(name, new int[shape.Length]);
        var tasks = new Dictionary<Key, DaskTask>
        {
            [key] = new DaskTask(ArrayOps.Name<T>("from-delayed"), TaskArg.Ref(value.Key), TaskArg.Literal((int[])shape.Clone()), TaskArg.Literal(value.Key.ToString())),
        };
        return DArray<T>.FromLayer(name, (int[])shape.Clone(), [.. shape.Select(d => new[] { d })], tasks, value.Graph);
    }
}

using System.Numerics;
using System.Reflection;
using MiniDask.Kernels;

namespace MiniDask.Array.Tests.ElementTypes;

/// <summary>The answers NumPy wrote for the dtype tests (ElementTypes/Fixtures/make_fixtures.py).</summary>
internal static class DTypeFixtures
{
    /// <summary>The real dtypes the fixtures cover (complex128 has fixtures of its own, under Fft/Fixtures).</summary>
    public static IReadOnlyList<string> Real { get; } = [.. DTypes.Names.Where(n => DTypes.KindOf(n) != DTypeKind.Complex)];

    /// <summary>Every numeric dtype the fixtures cover.</summary>
    public static TheoryData<string> Numeric => [.. Real.Where(n => n != "bool")];

    /// <summary>The path of fixture <paramref name="name"/>.</summary>
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "ElementTypes", "Fixtures", name);

    /// <summary>NumPy's array named <paramref name="name"/>.</summary>
    public static NDArray<T> Load<T>(string name)
        where T : unmanaged, INumber<T> => NDArray.LoadNpy<T>(PathOf(name + ".npy"));

    /// <summary>NumPy's 3×4 input <paramref name="name"/> cut into uneven blocks.</summary>
    public static DArray<T> Input<T>(string name)
        where T : unmanaged, INumber<T> => DArray.FromArray(Load<T>(name), [[2, 1], [3, 1]]);

    /// <summary>Asserts <paramref name="actual"/> has the shape and bytes of NumPy's array <paramref name="name"/>.</summary>
    public static void Equal<T>(string name, NDArray<T> actual)
        where T : unmanaged, INumber<T>
    {
        var expected = Load<T>(name);
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        Assert.True(
            expected.AsBytes().SequenceEqual(actual.AsBytes()),
            $"{name}: expected [{string.Join(", ", expected.Data)}], got [{string.Join(", ", actual.Data)}]");
    }

    /// <summary>Computes an array of any element type with the sequential scheduler.</summary>
    public static INDArray ComputeBlock(this IDArray x) => (INDArray)Invoke(
        typeof(TestData).GetMethods().Single(m => m.Name == nameof(TestData.ComputeSync) && m.ReturnType.IsGenericType).MakeGenericMethod(x.ElementType),
        null,
        [x])!;

    /// <summary>The array converted to the element type of <paramref name="dtype"/> (NumPy's <c>astype(dtype)</c>).</summary>
    public static IDArray AsType(this IDArray x, string dtype) =>
        (IDArray)Invoke(typeof(IDArray).GetMethod(nameof(IDArray.AsType))!.MakeGenericMethod(DTypes.TypeOf(dtype)), x, [])!;

    /// <summary>Runs the generic method <paramref name="method"/> of <paramref name="owner"/> for the element type of <paramref name="dtype"/>.</summary>
    public static void RunFor(Type owner, string method, string dtype, params object[] args)
    {
        var generic = owner.GetMethod(method, BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException(owner.Name, method);
        Invoke(generic.MakeGenericMethod(DTypes.TypeOf(dtype)), null, [dtype, .. args]);
    }

    private static object? Invoke(MethodInfo method, object? target, object[] args)
    {
        try
        {
            return method.Invoke(target, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}

using System.Numerics;
using MiniDask.Graph;
using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// Registers the block ops of NumPy's remaining ufuncs (called from <see cref="ArrayOps"/>'
/// module initializer): rounding, logarithms and exponentials, inverse and hyperbolic
/// trigonometry, the floating-point binary functions, the element tests, the bitwise ops on
/// integers, <c>isclose</c> and <c>nan_to_num</c>. Names follow <c>array.{op}.{dtype}</c>.
/// </summary>
internal static class UfuncOps
{
    /// <summary>Registers every op; idempotent like <see cref="OpRegistry.Register"/>.</summary>
    public static void Register()
    {
        DTypeLists.ForEachNumeric(default(NumericTypes));
        DTypeLists.ForEachFloat(default(FloatTypes));
        DTypeLists.ForEachInteger(default(IntegerTypes));
    }

    private static void RegisterNumeric<T>()
        where T : unmanaged, INumber<T>
    {
        OpRegistry.Register(ArrayOps.Name<T>("sign"), ElementwiseBlockOps<T>.Unary<SignOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("square"), ElementwiseBlockOps<T>.Unary<SquareOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("fmax"), BlockOps<T>.Binary<FMaxOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("fmin"), BlockOps<T>.Binary<FMinOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("fmod"), BlockOps<T>.Binary<FModOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("isnan"), UfuncBlockOps<T>.Test<IsNanOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("isinf"), UfuncBlockOps<T>.Test<IsInfOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("isfinite"), UfuncBlockOps<T>.Test<IsFiniteOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("signbit"), UfuncBlockOps<T>.Test<SignBitOperator<T>>);
    }

    private static void RegisterFloat<T>()
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RegisterUnary<T, FloorOperator<T>>();
        RegisterUnary<T, CeilOperator<T>>();
        RegisterUnary<T, TruncOperator<T>>();
        RegisterUnary<T, RintOperator<T>>();
        RegisterUnary<T, Log2Operator<T>>();
        RegisterUnary<T, Log10Operator<T>>();
        RegisterUnary<T, Log1pOperator<T>>();
        RegisterUnary<T, Expm1Operator<T>>();
        RegisterUnary<T, Exp2Operator<T>>();
        RegisterUnary<T, CbrtOperator<T>>();
        RegisterUnary<T, TanOperator<T>>();
        RegisterUnary<T, ArcsinOperator<T>>();
        RegisterUnary<T, ArccosOperator<T>>();
        RegisterUnary<T, ArctanOperator<T>>();
        RegisterUnary<T, SinhOperator<T>>();
        RegisterUnary<T, CoshOperator<T>>();
        RegisterUnary<T, ArcsinhOperator<T>>();
        RegisterUnary<T, ArccoshOperator<T>>();
        RegisterUnary<T, ArctanhOperator<T>>();
        RegisterUnary<T, Deg2RadOperator<T>>();
        RegisterUnary<T, Rad2DegOperator<T>>();
        RegisterUnary<T, ReciprocalOperator<T>>();
        OpRegistry.Register(ArrayOps.Name<T>("arctan2"), BlockOps<T>.Binary<Arctan2Operator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("hypot"), BlockOps<T>.Binary<HypotOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("copysign"), BlockOps<T>.Binary<CopySignOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("nextafter"), BlockOps<T>.Binary<NextAfterOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("logaddexp"), BlockOps<T>.Binary<LogAddExpOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("logaddexp2"), BlockOps<T>.Binary<LogAddExp2Operator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("round"), FloatBlockOps<T>.Round);
        OpRegistry.Register(ArrayOps.Name<T>("isclose"), FloatBlockOps<T>.IsClose);
        OpRegistry.Register(ArrayOps.Name<T>("nan_to_num"), FloatBlockOps<T>.NanToNum);
    }

    private static void RegisterInteger<T>()
        where T : unmanaged, IBinaryInteger<T>
    {
        OpRegistry.Register(ArrayOps.Name<T>("bitwise_and"), BlockOps<T>.Binary<BitwiseAndOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("bitwise_or"), BlockOps<T>.Binary<BitwiseOrOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("bitwise_xor"), BlockOps<T>.Binary<BitwiseXorOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("left_shift"), BlockOps<T>.Binary<LeftShiftOperator<T>>);
        OpRegistry.Register(ArrayOps.Name<T>("right_shift"), BlockOps<T>.Binary<RightShiftOperator<T>>);
        RegisterUnary<T, InvertOperator<T>>();
    }

    private static void RegisterUnary<T, TOp>()
        where T : unmanaged, INumber<T>
        where TOp : IUnaryOperator<T> =>
        OpRegistry.Register(ArrayOps.Name<T>(TOp.Name), ElementwiseBlockOps<T>.Unary<TOp>);

    private readonly struct NumericTypes : IDTypeAction
    {
        public void Run<T>()
            where T : unmanaged, INumber<T> => RegisterNumeric<T>();
    }

    private readonly struct FloatTypes : IFloatTypeAction
    {
        public void Run<T>()
            where T : unmanaged, IFloatingPointIeee754<T> => RegisterFloat<T>();
    }

    private readonly struct IntegerTypes : IIntegerTypeAction
    {
        public void Run<T>()
            where T : unmanaged, IBinaryInteger<T> => RegisterInteger<T>();
    }
}

/// <summary>Ufunc block ops over any numeric element type, in the <c>OpFunc</c> shape.</summary>
internal static class UfuncBlockOps<T>
    where T : unmanaged, INumber<T>
{
    /// <summary><c>(block)</c>: <typeparamref name="TOp"/> on every element, as a boolean block.</summary>
    public static object? Test<TOp>(object?[] args)
        where TOp : IPredicateOperator<T> => BlockMath.Test<TOp, T>((NDArray<T>)args[0]!);
}

/// <summary>Ufunc block ops with literal parameters over floating-point element types.</summary>
internal static class FloatBlockOps<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary><c>(block, int decimals)</c>: every element rounded to that many decimals (NumPy's <c>round</c>).</summary>
    public static object? Round(object?[] args)
    {
        var block = (NDArray<T>)args[0]!;
        var decimals = (int)args[1]!;
        var result = NDArray<T>.CreateUninitialized(block.Shape);
        ReadOnlySpan<T> source = block.Span;
        var destination = result.Span;
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = UfuncMath.Round(source[i], decimals);
        }

        return result;
    }

    /// <summary>
    /// <c>(a, b, double rtol, double atol, bool equalNan)</c>, blocks or scalars: NumPy's
    /// <c>isclose</c>, <c>|a - b| &lt;= atol + rtol * |b|</c> for finite values; infinities are
    /// close only to themselves, and NaNs to each other only with <c>equalNan</c>.
    /// </summary>
    public static object? IsClose(object?[] args)
    {
        var a = ElementwiseBlockOps<T>.Block(args[0]);
        var b = ElementwiseBlockOps<T>.Block(args[1]);
        var rtol = T.CreateTruncating((double)args[2]!);
        var atol = T.CreateTruncating((double)args[3]!);
        var equalNan = (bool)args[4]!;
        var shape = a.Shape.SequenceEqual(b.Shape) ? a.Shape.ToArray() : Shapes.Broadcast(a.Shape, b.Shape);
        var x = a.Shape.SequenceEqual(shape) ? a : BlockMath.BroadcastTo(a, shape);
        var y = b.Shape.SequenceEqual(shape) ? b : BlockMath.BroadcastTo(b, shape);
        var result = NDArray<Bool>.CreateUninitialized(shape);
        ReadOnlySpan<T> xs = x.Span;
        ReadOnlySpan<T> ys = y.Span;
        var destination = result.Span;
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = Close(xs[i], ys[i], rtol, atol, equalNan) ? Bool.True : Bool.False;
        }

        return result;
    }

    /// <summary>
    /// <c>(block, double nan, double? posinf, double? neginf)</c>: NaN and infinities replaced
    /// (NumPy's <c>nan_to_num</c>); a missing replacement is the largest finite value of that sign.
    /// </summary>
    public static object? NanToNum(object?[] args)
    {
        var block = (NDArray<T>)args[0]!;
        var nan = T.CreateSaturating((double)args[1]!);
        var largest = T.BitDecrement(T.PositiveInfinity);
        var posinf = args[2] is double p ? T.CreateSaturating(p) : largest;
        var neginf = args[3] is double n ? T.CreateSaturating(n) : -largest;
        var result = NDArray<T>.CreateUninitialized(block.Shape);
        ReadOnlySpan<T> source = block.Span;
        var destination = result.Span;
        for (var i = 0; i < source.Length; i++)
        {
            var v = source[i];
            destination[i] = T.IsNaN(v) ? nan : T.IsPositiveInfinity(v) ? posinf : T.IsNegativeInfinity(v) ? neginf : v;
        }

        return result;
    }

    private static bool Close(T x, T y, T rtol, T atol, bool equalNan)
    {
        if (T.IsNaN(x) || T.IsNaN(y))
        {
            return equalNan && T.IsNaN(x) && T.IsNaN(y);
        }

        if (T.IsInfinity(x) || T.IsInfinity(y))
        {
            return x == y;
        }

        return T.Abs(x - y) <= atol + (rtol * T.Abs(y));
    }
}

namespace MiniDask.Kernels.Accelerators.Ilgpu;

/// <summary>An element conversion a device kernel can compile (C#'s cast: floats to integers toward zero, saturating; NaN to 0).</summary>
internal interface IConversion<TFrom, TTo>
{
    static abstract TTo Convert(TFrom x);
}

/// <summary>The conversions among float64, float32, int32 and int64, and their lookup.</summary>
internal static class Conversions
{
    /// <summary>The conversion struct from <typeparamref name="TFrom"/> to <typeparamref name="TTo"/>.</summary>
    /// <exception cref="NotSupportedException">The pair is not among float64, float32, int32 and int64.</exception>
    public static Type Of<TFrom, TTo>() => (typeof(TFrom).Name, typeof(TTo).Name) switch
    {
        ("Double", "Single") => typeof(DoubleToSingle),
        ("Double", "Int32") => typeof(DoubleToInt32),
        ("Double", "Int64") => typeof(DoubleToInt64),
        ("Single", "Double") => typeof(SingleToDouble),
        ("Single", "Int32") => typeof(SingleToInt32),
        ("Single", "Int64") => typeof(SingleToInt64),
        ("Int32", "Double") => typeof(Int32ToDouble),
        ("Int32", "Single") => typeof(Int32ToSingle),
        ("Int32", "Int64") => typeof(Int32ToInt64),
        ("Int64", "Double") => typeof(Int64ToDouble),
        ("Int64", "Single") => typeof(Int64ToSingle),
        ("Int64", "Int32") => typeof(Int64ToInt32),
        _ => throw new NotSupportedException(
            $"Device casts convert among float64, float32, int32 and int64; {DTypes.NameOf(typeof(TFrom))} to {DTypes.NameOf(typeof(TTo))} is not one of them."),
    };

    internal readonly struct DoubleToSingle : IConversion<double, float>
    {
        public static float Convert(double x) => (float)x;
    }

    internal readonly struct DoubleToInt32 : IConversion<double, int>
    {
        public static int Convert(double x) => (int)x;
    }

    internal readonly struct DoubleToInt64 : IConversion<double, long>
    {
        public static long Convert(double x) => (long)x;
    }

    internal readonly struct SingleToDouble : IConversion<float, double>
    {
        public static double Convert(float x) => x;
    }

    internal readonly struct SingleToInt32 : IConversion<float, int>
    {
        public static int Convert(float x) => (int)x;
    }

    internal readonly struct SingleToInt64 : IConversion<float, long>
    {
        public static long Convert(float x) => (long)x;
    }

    internal readonly struct Int32ToDouble : IConversion<int, double>
    {
        public static double Convert(int x) => x;
    }

    internal readonly struct Int32ToSingle : IConversion<int, float>
    {
        public static float Convert(int x) => x;
    }

    internal readonly struct Int32ToInt64 : IConversion<int, long>
    {
        public static long Convert(int x) => x;
    }

    internal readonly struct Int64ToDouble : IConversion<long, double>
    {
        public static double Convert(long x) => x;
    }

    internal readonly struct Int64ToSingle : IConversion<long, float>
    {
        public static float Convert(long x) => x;
    }

    internal readonly struct Int64ToInt32 : IConversion<long, int>
    {
        public static int Convert(long x) => unchecked((int)x);
    }
}

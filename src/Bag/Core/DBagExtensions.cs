using System.Numerics;

namespace MiniDask.Bag;

/// <summary>Bag operations that need more of the element type: numeric statistics and flattening.</summary>
public static class DBagExtensions
{
    /// <summary>The sum of the elements (0 for an empty bag); overflow fails the compute, as in LINQ.</summary>
    /// <param name="bag">The bag.</param>
    /// <param name="splitEvery">How many partial results one combine task merges (at least 2).</param>
    public static DItem<T> Sum<T>(this DBag<T> bag, int splitEvery = DBag<T>.DefaultSplitEvery)
        where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(bag);
        return bag.ReduceToItem("sum", new(OpNames.SumChunk, [typeof(T)]), new(OpNames.SumCombine, [typeof(T)]), splitEvery, static r => (T)r!);
    }

    /// <summary>The arithmetic mean of the elements, as a double.</summary>
    /// <param name="bag">The bag.</param>
    /// <param name="splitEvery">How many partial results one combine task merges (at least 2).</param>
    /// <exception cref="InvalidOperationException">(From <c>Compute()</c>.) The bag is empty.</exception>
    public static DItem<double> Mean<T>(this DBag<T> bag, int splitEvery = DBag<T>.DefaultSplitEvery)
        where T : INumber<T> =>
        bag.Moments("mean", splitEvery, static m => m.Count > 0 ? m.Mean : throw DBag.EmptyBag("Mean"));

    /// <summary>LINQ's name for <see cref="Mean{T}"/>.</summary>
    /// <param name="bag">The bag.</param>
    /// <param name="splitEvery">How many partial results one combine task merges (at least 2).</param>
    /// <exception cref="InvalidOperationException">(From <c>Compute()</c>.) The bag is empty.</exception>
    public static DItem<double> Average<T>(this DBag<T> bag, int splitEvery = DBag<T>.DefaultSplitEvery)
        where T : INumber<T> =>
        bag.Mean(splitEvery);

    /// <summary>
    /// The variance of the elements: the sum of squared deviations from the mean divided by
    /// <c>count - ddof</c> (NaN when that is not positive). Partitions compute their moments in one
    /// pass and merge them pairwise, which stays accurate for large means.
    /// </summary>
    /// <param name="bag">The bag.</param>
    /// <param name="ddof">Delta degrees of freedom: 0 for the population variance, 1 for the sample variance.</param>
    /// <param name="splitEvery">How many partial results one combine task merges (at least 2).</param>
    /// <exception cref="InvalidOperationException">(From <c>Compute()</c>.) The bag is empty.</exception>
    public static DItem<double> Var<T>(this DBag<T> bag, int ddof = 0, int splitEvery = DBag<T>.DefaultSplitEvery)
        where T : INumber<T> =>
        bag.Moments("var", splitEvery, m => Variance(m, ddof));

    /// <summary>The standard deviation of the elements: the square root of <see cref="Var{T}"/>.</summary>
    /// <param name="bag">The bag.</param>
    /// <param name="ddof">Delta degrees of freedom: 0 for the population deviation, 1 for the sample deviation.</param>
    /// <param name="splitEvery">How many partial results one combine task merges (at least 2).</param>
    /// <exception cref="InvalidOperationException">(From <c>Compute()</c>.) The bag is empty.</exception>
    public static DItem<double> Std<T>(this DBag<T> bag, int ddof = 0, int splitEvery = DBag<T>.DefaultSplitEvery)
        where T : INumber<T> =>
        bag.Moments("std", splitEvery, m => Math.Sqrt(Variance(m, ddof)));

    /// <summary>The elements of every array, in order (Dask's <c>flatten</c>).</summary>
    /// <param name="bag">The bag.</param>
    public static DBag<T> Flatten<T>(this DBag<T[]> bag) => Flatten<T[], T>(bag);

    /// <summary>The elements of every list, in order (Dask's <c>flatten</c>).</summary>
    /// <param name="bag">The bag.</param>
    public static DBag<T> Flatten<T>(this DBag<List<T>> bag) => Flatten<List<T>, T>(bag);

    /// <summary>The elements of every sequence, in order (Dask's <c>flatten</c>).</summary>
    /// <param name="bag">The bag.</param>
    public static DBag<T> Flatten<T>(this DBag<IEnumerable<T>> bag) => Flatten<IEnumerable<T>, T>(bag);

    private static DBag<T> Flatten<TCollection, T>(DBag<TCollection> bag)
        where TCollection : IEnumerable<T>
    {
        ArgumentNullException.ThrowIfNull(bag);
        return bag.WithStage<T>("flatten", StageKinds.Flatten, [typeof(TCollection), typeof(T)], []);
    }

    private static DItem<double> Moments<T>(this DBag<T> bag, string prefix, int splitEvery, Func<(long Count, double Mean, double M2), double> finish)
        where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(bag);
        return bag.ReduceToItem(
            prefix, new(OpNames.MomentsChunk, [typeof(T)]), new(OpNames.MomentsCombine, [typeof(T)]), splitEvery,
            r => finish(((long, double, double))r!));
    }

    private static double Variance((long Count, double Mean, double M2) moments, int ddof) =>
        moments.Count == 0 ? throw DBag.EmptyBag("Var") : moments.Count - ddof > 0 ? moments.M2 / (moments.Count - ddof) : double.NaN;
}

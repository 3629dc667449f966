namespace MiniDask.Array.Tests.Properties;

/// <summary>Which ops a generated chain may apply next, given the array so far.</summary>
internal static class PropertySteps
{
    private static readonly string[] FloatFunctions = ["Exp", "Log", "Sqrt", "Sin", "Cos", "Tanh"];

    /// <summary>
    /// The ops valid for <paramref name="x"/>, each as a factory drawing its own parameters from
    /// <paramref name="random"/>. After an op that is not exact, only continuous ops follow, so
    /// that the reference and the chunked array, which then differ by rounding, stay comparable.
    /// </summary>
    public static List<Func<PropertyStep>> Candidates(Random random, IDArray x, bool exact)
    {
        var dtype = x.DType;
        var isBool = dtype == "bool";
        var isFloat = dtype is "float64" or "float32";
        var unknown = x.HasUnknownChunks;
        var rank = x.Rank;
        var all = new List<Func<PropertyStep>>();

        all.Add(() => new PropertyStep.Unary("Abs"));
        if (!isBool)
        {
            all.Add(() => new PropertyStep.Unary("Negative"));
            all.Add(() => new PropertyStep.WithScalar(Pick(random, "+", "-", "*", "rsub", "/", "%", "//", "pow"), isFloat ? Pick(random, 1.5, -0.25, 2, -3) : Pick(random, 2, -1, 3, -4)));
        }

        if (isFloat)
        {
            all.Add(() => new PropertyStep.Unary(Pick(random, FloatFunctions)));
        }

        all.Add(() => new PropertyStep.AsType(Pick(random, "float64", "float32", "int32", "int64", "bool")));
        if (!unknown)
        {
            all.Add(() => new PropertyStep.WithArray(
                isBool ? Pick(random, "+", "*", "maximum", "minimum", "==", "where") : Pick(random, "+", "-", "*", "/", "%", "maximum", "minimum", "==", "<", ">=", "where"),
                PropertyOperand.Random(random, dtype, BroadcastShape(random, [.. x.Shape]))));
            all.Add(() => new PropertyStep.Mask());
            if (rank >= 2)
            {
                all.Add(() => new PropertyStep.Transpose([.. Enumerable.Range(0, rank).OrderBy(_ => random.Next())]));
            }

            if (rank >= 1)
            {
                all.Add(() => Select(random, [.. x.Shape]));
                all.Add(() => new PropertyStep.Rechunk([.. x.Shape.Select(d => PropertyOperand.RandomChunks(random, d))]));
                all.Add(() => new PropertyStep.ConcatReversed());
            }

            if (rank != 1)
            {
                all.Add(() => new PropertyStep.Flatten());
            }

            if (rank <= 2)
            {
                all.Add(() => new PropertyStep.ExpandDims(random.Next(rank + 1)));
            }

            if (rank == 2 && !isBool)
            {
                all.Add(() => new PropertyStep.MatMul(PropertyOperand.Random(random, dtype, [x.Shape[1], random.Next(1, 6)]), exact: !isFloat));
            }
        }

        all.Add(() => Reduce(random, dtype, rank, unknown));
        if (rank >= 1 && !isBool)
        {
            all.Add(() => new PropertyStep.Cumulative(Pick(random, "CumSum", "CumProd"), unknown ? 0 : random.Next(-rank, rank), exact: !isFloat));
        }

        if (exact)
        {
            return all;
        }

        // Keep drawing until the factories' products are continuous: parameters are random, so filter on the product.
        return [.. all.Select(f => (Func<PropertyStep>)(() => Continuous(random, f)))];
    }

    private static PropertyStep Continuous(Random random, Func<PropertyStep> factory)
    {
        for (var i = 0; i < 20; i++)
        {
            var step = factory();
            if (step.Continuous)
            {
                return step;
            }
        }

        return new PropertyStep.Unary("Abs");
    }

    private static PropertyStep Reduce(Random random, string dtype, int rank, bool unknown)
    {
        var isBool = dtype == "bool";
        var isFloat = dtype is "float64" or "float32";
        var op = isBool ? Pick(random, "Max", "Min", "ArgMax", "Any", "All")
            : dtype == "float32" ? Pick(random, "Sum", "Mean", "Max", "Min", "Var", "Std", "ArgMax", "Any", "All")
            : Pick(random, "Sum", "Mean", "Prod", "Max", "Min", "Var", "Std", "ArgMax", "Any", "All");
        int? axis = rank == 0 || random.Next(3) == 0 ? null : unknown ? 0 : random.Next(-rank, rank);
        var inexact = op is "Var" or "Std" || (isFloat && op is "Sum" or "Mean" or "Prod");
        return new PropertyStep.Reduce(op, axis, keepDims: random.Next(2) == 0, exact: !inexact, continuous: op is not ("ArgMax" or "Any" or "All"));
    }

    private static PropertyStep Select(Random random, int[] shape)
    {
        var axis = random.Next(shape.Length);
        var size = shape[axis];
        int? Bound() => random.Next(3) == 0 ? null : random.Next(-size - 1, size + 2);
        return new PropertyStep.Select(axis, Bound(), Bound(), Pick(random, 1, 2, 3, -1, -2));
    }

    /// <summary><paramref name="shape"/> itself, or a shape that broadcasts to it: some leading axes dropped, some axes of size 1.</summary>
    private static int[] BroadcastShape(Random random, int[] shape)
    {
        if (random.Next(2) == 0)
        {
            return shape;
        }

        var dropped = random.Next(shape.Length + 1);
        return [.. shape.Skip(dropped).Select(d => random.Next(3) == 0 ? 1 : d)];
    }

    private static T Pick<T>(Random random, params T[] choices) => choices[random.Next(choices.Length)];
}

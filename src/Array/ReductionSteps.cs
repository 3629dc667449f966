using MiniDask.Graph;

namespace MiniDask.Array;

/// <summary>The tree-reduction steps of each reduction kind, for an input of dtype <c>dtype</c>.</summary>
internal static class ReductionSteps
{
    /// <summary>
    /// A reduction whose partials are blocks of the input's dtype, merged by one operator:
    /// <c>sum</c>, <c>prod</c>, <c>max</c>, <c>min</c>; <c>mean</c> divides the sum by <paramref name="count"/>.
    /// </summary>
    public static TreeReduction.Steps Simple(string kind, string dtype, int[] axes, long count)
    {
        var partial = kind == "mean" ? "sum" : kind;
        TaskArg[] aggregate = kind == "mean" ? [TaskArg.Literal(count)] : [];
        return new TreeReduction.Steps(
            kind,
            ArrayNode.Op($"{partial}-chunk", dtype),
            [BlockwiseArg.Literal(axes)],
            ArrayNode.Op($"{partial}-combine", dtype),
            [],
            ArrayNode.Op($"{kind}-aggregate", dtype),
            aggregate,
            dtype);
    }

    /// <summary><c>any</c> or <c>all</c>: each block is tested for nonzero elements, partials are boolean.</summary>
    public static TreeReduction.Steps Logical(string kind, string dtype, int[] axes) => new(
        kind,
        ArrayNode.Op($"{kind}-chunk", dtype),
        [BlockwiseArg.Literal(axes)],
        ArrayNode.Op($"{kind}-combine", "bool"),
        [],
        ArrayNode.Op($"{kind}-aggregate", "bool"),
        [],
        "bool");

    /// <summary>Variance (or, with <paramref name="sqrt"/>, standard deviation) through (count, mean, M2) partials.</summary>
    public static TreeReduction.Steps Variance(string dtype, int[] axes, double ddof, bool sqrt) => new(
        sqrt ? "std" : "var",
        ArrayNode.Op("moments-chunk", dtype),
        [BlockwiseArg.Literal(axes)],
        ExtendedOps.MomentsCombineOp,
        [],
        ExtendedOps.VarianceAggregateOp,
        [TaskArg.Literal(ddof), TaskArg.Literal(sqrt)],
        "float64");

    /// <summary>
    /// <c>argmax</c> or <c>argmin</c> along <paramref name="axis"/> (null: over all elements,
    /// indices row-major) of an array of <paramref name="shape"/> and <paramref name="chunks"/>.
    /// </summary>
    public static TreeReduction.Steps Arg(bool max, string dtype, int? axis, int[] shape, int[][] chunks)
    {
        var flag = TaskArg.Literal(max);
        return new TreeReduction.Steps(
            max ? "argmax" : "argmin",
            ArrayNode.Op("arg-chunk", dtype),
            [BlockwiseArg.Literal(axis ?? -1), ArrayBlockwise.BlockStart(chunks), BlockwiseArg.Literal(shape), BlockwiseArg.Constant(flag)],
            ArrayNode.Op("arg-combine", dtype),
            [flag],
            ArrayNode.Op("arg-aggregate", dtype),
            [flag],
            "int64");
    }
}

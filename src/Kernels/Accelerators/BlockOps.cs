namespace MiniDask.Kernels.Accelerators;

/// <summary>Elementwise functions of one operand that every accelerator runs on device buffers.</summary>
public enum UnaryOp
{
    /// <summary><c>e^x</c>.</summary>
    Exp,

    /// <summary>The natural logarithm.</summary>
    Log,

    /// <summary>The square root.</summary>
    Sqrt,

    /// <summary>The absolute value.</summary>
    Abs,

    /// <summary><c>-x</c>.</summary>
    Negate,
}

/// <summary>Elementwise functions of two operands of the same shape.</summary>
public enum BinaryOp
{
    /// <summary><c>x + y</c>.</summary>
    Add,

    /// <summary><c>x - y</c>.</summary>
    Subtract,

    /// <summary><c>x * y</c>.</summary>
    Multiply,

    /// <summary><c>x / y</c>.</summary>
    Divide,

    /// <summary>The smaller of <c>x</c> and <c>y</c>: combines partial minima.</summary>
    Minimum,

    /// <summary>The larger of <c>x</c> and <c>y</c>: combines partial maxima.</summary>
    Maximum,
}

/// <summary>Associative reductions over a whole block or one axis of a 2-D block.</summary>
public enum ReductionOp
{
    /// <summary>The sum; zero for no elements.</summary>
    Sum,

    /// <summary>The smallest element; a block must not be empty.</summary>
    Min,

    /// <summary>The largest element; a block must not be empty.</summary>
    Max,
}

namespace MiniDask.Kernels.Accelerators.Cuda;

/// <summary>
/// CUDA C source for the block kernels, generated per op and element type and compiled with
/// NVRTC at first use. Every kernel is <c>extern "C"</c> so its name is not mangled, and
/// elementwise kernels use a grid-stride loop so any grid size covers any length.
/// </summary>
internal static class CudaKernelSource
{
    /// <summary>Threads per block of every kernel; reductions size their shared memory by it.</summary>
    public const int BlockSize = 256;

    /// <summary>The CUDA C type of a dtype: <c>double</c> or <c>float</c>.</summary>
    public static string CType(Type type) =>
        type == typeof(double) ? "double"
        : type == typeof(float) ? "float"
        : throw new NotSupportedException($"CUDA kernels run float64 and float32; {type.Name} is not supported.");

    /// <summary>The kernel name of <paramref name="op"/> for <paramref name="type"/>, such as <c>minidask_unary_exp_float64</c>.</summary>
    public static string UnaryName(UnaryOp op, Type type) => $"minidask_unary_{op.ToString().ToLowerInvariant()}_{DTypes.NameOf(type)}";

    /// <summary>The kernel name of <paramref name="op"/> for <paramref name="type"/>, such as <c>minidask_binary_add_float32</c>.</summary>
    public static string BinaryName(BinaryOp op, Type type) => $"minidask_binary_{op.ToString().ToLowerInvariant()}_{DTypes.NameOf(type)}";

    /// <summary>The kernel name of <c>alpha·x + beta</c> for <paramref name="type"/>.</summary>
    public static string ScaleAddName(Type type) => $"minidask_scale_add_{DTypes.NameOf(type)}";

    /// <summary>
    /// The kernel name of a reduction: <paramref name="shape"/> is <c>all</c> (block partials over a
    /// grid-stride range), <c>rows</c> (one block per row, axis 1) or <c>cols</c> (one thread per column, axis 0).
    /// </summary>
    public static string ReductionName(ReductionOp op, string shape, Type type) =>
        $"minidask_reduce_{shape}_{op.ToString().ToLowerInvariant()}_{DTypes.NameOf(type)}";

    /// <summary>The source of the elementwise kernel <c>y[i] = op(x[i])</c>.</summary>
    public static string Unary(UnaryOp op, Type type)
    {
        var t = CType(type);
        var f = type == typeof(float) ? "f" : "";
        var expression = op switch
        {
            UnaryOp.Exp => $"exp{f}(x[i])",
            UnaryOp.Log => $"log{f}(x[i])",
            UnaryOp.Sqrt => $"sqrt{f}(x[i])",
            UnaryOp.Abs => $"fabs{f}(x[i])",
            UnaryOp.Negate => "-x[i]",
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown unary op."),
        };
        return Elementwise(UnaryName(op, type), $"const {t}* x, {t}* y, long long n", $"y[i] = {expression};");
    }

    /// <summary>
    /// The source of the elementwise kernel <c>z[i] = x[i] op y[i]</c>; minimum and maximum use
    /// <c>fmin</c>/<c>fmax</c>, as the min and max reductions do.
    /// </summary>
    public static string Binary(BinaryOp op, Type type)
    {
        var t = CType(type);
        var f = type == typeof(float) ? "f" : "";
        var expression = op switch
        {
            BinaryOp.Add => "x[i] + y[i]",
            BinaryOp.Subtract => "x[i] - y[i]",
            BinaryOp.Multiply => "x[i] * y[i]",
            BinaryOp.Divide => "x[i] / y[i]",
            BinaryOp.Minimum => $"fmin{f}(x[i], y[i])",
            BinaryOp.Maximum => $"fmax{f}(x[i], y[i])",
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown binary op."),
        };
        return Elementwise(BinaryName(op, type), $"const {t}* x, const {t}* y, {t}* z, long long n", $"z[i] = {expression};");
    }

    /// <summary>The source of the elementwise kernel <c>y[i] = alpha·x[i] + beta</c>.</summary>
    public static string ScaleAdd(Type type)
    {
        var t = CType(type);
        return Elementwise(ScaleAddName(type), $"const {t}* x, {t} alpha, {t} beta, {t}* y, long long n", "y[i] = alpha * x[i] + beta;");
    }

    /// <summary>
    /// The source of the three reduction kernels of <paramref name="op"/> for
    /// <paramref name="type"/>: <c>all</c> writes one partial per block (run twice: over the
    /// input, then over the partials with one block), <c>rows</c> reduces each row with one
    /// block, <c>cols</c> reduces each column with one thread reading rows in turn, so a warp's
    /// reads are contiguous.
    /// </summary>
    public static string Reduction(ReductionOp op, Type type)
    {
        var t = CType(type);
        var f = type == typeof(float) ? "f" : "";
        var (identity, combine) = op switch
        {
            ReductionOp.Sum => ("0", "a + b"),
            ReductionOp.Min => (Infinity(type, negative: false), $"fmin{f}(a, b)"),
            ReductionOp.Max => (Infinity(type, negative: true), $"fmax{f}(a, b)"),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown reduction."),
        };
        var suffix = $"{op.ToString().ToLowerInvariant()}_{DTypes.NameOf(type)}";
        return $$"""
            __device__ __forceinline__ {{t}} combine_{{suffix}}({{t}} a, {{t}} b) { return {{combine}}; }

            __device__ {{t}} block_reduce_{{suffix}}({{t}} value)
            {
                __shared__ {{t}} cache[{{BlockSize}}];
                cache[threadIdx.x] = value;
                __syncthreads();
                for (unsigned int s = blockDim.x / 2; s > 0; s >>= 1)
                {
                    if (threadIdx.x < s) cache[threadIdx.x] = combine_{{suffix}}(cache[threadIdx.x], cache[threadIdx.x + s]);
                    __syncthreads();
                }
                return cache[0];
            }

            extern "C" __global__ void {{ReductionName(op, "all", type)}}(const {{t}}* x, {{t}}* partials, long long n)
            {
                {{t}} acc = {{identity}};
                for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += (long long)blockDim.x * gridDim.x)
                    acc = combine_{{suffix}}(acc, x[i]);
                acc = block_reduce_{{suffix}}(acc);
                if (threadIdx.x == 0) partials[blockIdx.x] = acc;
            }

            extern "C" __global__ void {{ReductionName(op, "rows", type)}}(const {{t}}* x, {{t}}* out, int rows, int cols)
            {
                const {{t}}* row = x + (long long)blockIdx.x * cols;
                {{t}} acc = {{identity}};
                for (int c = threadIdx.x; c < cols; c += blockDim.x)
                    acc = combine_{{suffix}}(acc, row[c]);
                acc = block_reduce_{{suffix}}(acc);
                if (threadIdx.x == 0) out[blockIdx.x] = acc;
            }

            extern "C" __global__ void {{ReductionName(op, "cols", type)}}(const {{t}}* x, {{t}}* out, int rows, int cols)
            {
                int c = blockIdx.x * blockDim.x + threadIdx.x;
                if (c >= cols) return;
                {{t}} acc = {{identity}};
                for (int r = 0; r < rows; r++)
                    acc = combine_{{suffix}}(acc, x[(long long)r * cols + c]);
                out[c] = acc;
            }
            """;
    }

    /// <summary>How many blocks of <see cref="BlockSize"/> threads cover <paramref name="n"/> elements, at most <paramref name="maxBlocks"/> and at least 1.</summary>
    public static uint GridSize(long n, int maxBlocks) =>
        (uint)Math.Clamp((n + BlockSize - 1) / BlockSize, 1, maxBlocks);

    private static string Elementwise(string name, string parameters, string body) => $$"""
        extern "C" __global__ void {{name}}({{parameters}})
        {
            for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += (long long)blockDim.x * gridDim.x)
                {{body}}
        }
        """;

    // NVRTC compiles without the C headers, so infinities are spelled through their bit patterns.
    private static string Infinity(Type type, bool negative) => type == typeof(float)
        ? $"__int_as_float({(negative ? "0xff800000" : "0x7f800000")})"
        : $"__longlong_as_double({(negative ? "0xfff0000000000000LL" : "0x7ff0000000000000LL")})";
}

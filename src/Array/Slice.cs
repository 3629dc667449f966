using MiniDask.Kernels;

namespace MiniDask.Array;

/// <summary>
/// One entry of an index expression such as <c>x[10..200, ^5..]</c>: a single position (which
/// removes its axis), a C# <see cref="System.Range"/>, a NumPy-style slice with a step
/// (<see cref="Of"/>), a new axis of size 1 (<see cref="NewAxis"/>) or the rest of the axes
/// (<see cref="Ellipsis"/>). Converts implicitly from <see cref="int"/>, <see cref="System.Index"/>
/// and <see cref="System.Range"/>.
/// </summary>
/// <remarks>
/// Integer positions and C# ranges are checked as C# checks them: a position or range end
/// outside the axis throws. Slices made with <see cref="Of"/> follow NumPy: negative bounds
/// count from the end, bounds past the ends are clamped, and steps may be negative.
/// </remarks>
public readonly struct Slice : IEquatable<Slice>
{
    private enum SliceKind
    {
        Position,
        Range,
        Stepped,
        NewAxis,
        Ellipsis,
    }

    private readonly SliceKind kind;
    private readonly Index position;
    private readonly Range range;
    private readonly int? start;
    private readonly int? stop;
    private readonly int step;

    private Slice(SliceKind kind, Index position = default, Range range = default, int? start = null, int? stop = null, int step = 1)
    {
        this.kind = kind;
        this.position = position;
        this.range = range;
        this.start = start;
        this.stop = stop;
        this.step = step;
    }

    /// <summary>The whole axis (NumPy's <c>:</c>).</summary>
    public static Slice All => new(SliceKind.Stepped);

    /// <summary>A new axis of size 1 (NumPy's <c>np.newaxis</c>).</summary>
    public static Slice NewAxis => new(SliceKind.NewAxis);

    /// <summary>As many whole axes as needed to index every axis (NumPy's <c>...</c>).</summary>
    public static Slice Ellipsis => new(SliceKind.Ellipsis);

    /// <summary>Whether the entry removes its axis (a single position).</summary>
    public bool IsPosition => kind == SliceKind.Position;

    /// <summary>Whether the entry adds an axis of size 1.</summary>
    public bool IsNewAxis => kind == SliceKind.NewAxis;

    /// <summary>Whether the entry stands for the remaining axes.</summary>
    public bool IsEllipsis => kind == SliceKind.Ellipsis;

    /// <summary>Whether the entry selects a whole axis in order, whatever its size (<c>..</c>, <see cref="All"/>, <c>Slice.Of(0, null)</c>).</summary>
    internal bool IsWhole => kind switch
    {
        SliceKind.Range => range.Start.Equals(Index.Start) && range.End.Equals(Index.End),
        SliceKind.Stepped => (start is null or 0) && stop is null && step == 1,
        _ => false,
    };

    /// <summary>
    /// A NumPy slice <c>start:stop:step</c>: null bounds mean the ends (which end depends on the
    /// step's sign), negative bounds count from the end, and bounds outside the axis are clamped.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is 0.</exception>
    public static Slice Of(int? start, int? stop, int? step = null)
    {
        if (step == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "A slice step must not be 0.");
        }

        return new(SliceKind.Stepped, start: start, stop: stop, step: step ?? 1);
    }

    /// <summary>The single position <paramref name="index"/>; negative counts from the end, as in NumPy.</summary>
    public static Slice At(int index) => new(SliceKind.Position, position: index < 0 ? Index.FromEnd(-index) : Index.FromStart(index));

    /// <summary>A single position; negative counts from the end, as in NumPy.</summary>
    public static implicit operator Slice(int index) => At(index);

    /// <summary>A single position, possibly from the end (<c>^1</c> is the last).</summary>
    public static implicit operator Slice(Index index) => new(SliceKind.Position, position: index);

    /// <summary>A C# range such as <c>2..^1</c>, with step 1.</summary>
    public static implicit operator Slice(Range range) => new(SliceKind.Range, range: range);

    /// <summary>
    /// The positions this entry selects on axis <paramref name="axis"/> of <paramref name="shape"/>: the first,
    /// the step and the count. For a single position the count is 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A position or range end lies outside the axis; the message names the axis and shape.</exception>
    internal (int Start, int Step, int Count) Resolve(int axis, ReadOnlySpan<int> shape)
    {
        var dim = shape[axis];
        switch (kind)
        {
            case SliceKind.Position:
                var p = position.GetOffset(dim);
                if ((uint)p >= (uint)dim)
                {
                    throw new ArgumentOutOfRangeException(
                        nameof(shape), $"Index {this} is out of range for axis {axis} of size {dim} (shape {Shapes.Format(shape)}).");
                }

                return (p, 1, 1);
            case SliceKind.Range:
                var s = range.Start.GetOffset(dim);
                var e = range.End.GetOffset(dim);
                if (s < 0 || e > dim || s > e)
                {
                    throw new ArgumentOutOfRangeException(
                        nameof(shape), $"Range {range} is out of range for axis {axis} of size {dim} (shape {Shapes.Format(shape)}); use Slice.Of for NumPy's clamping slices.");
                }

                return (s, 1, e - s);
            default:
                return ResolveStepped(dim);
        }
    }

    /// <inheritdoc />
    public bool Equals(Slice other) =>
        kind == other.kind && position.Equals(other.position) && range.Equals(other.range) && start == other.start && stop == other.stop && step == other.step;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Slice s && Equals(s);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(kind, position, range, start, stop, step);

    /// <summary>The entry as written in C# or NumPy: <c>3</c>, <c>^1</c>, <c>2..5</c>, <c>1:9:2</c>, <c>newaxis</c>, <c>...</c>.</summary>
    public override string ToString() => kind switch
    {
        SliceKind.Position => position.ToString(),
        SliceKind.Range => range.ToString(),
        SliceKind.NewAxis => "newaxis",
        SliceKind.Ellipsis => "...",
        _ => $"{start}:{stop}{(step == 1 ? "" : $":{step}")}",
    };

    /// <summary>Equality of entries.</summary>
    public static bool operator ==(Slice left, Slice right) => left.Equals(right);

    /// <summary>Inequality of entries.</summary>
    public static bool operator !=(Slice left, Slice right) => !left.Equals(right);

    /// <summary>Python's <c>slice.indices</c>: bounds normalized and clamped for the step's direction.</summary>
    private (int Start, int Step, int Count) ResolveStepped(int dim)
    {
        int first, last;
        if (step > 0)
        {
            first = start is { } a ? Math.Clamp(a < 0 ? a + dim : a, 0, dim) : 0;
            last = stop is { } b ? Math.Clamp(b < 0 ? b + dim : b, 0, dim) : dim;
            return (first, step, last > first ? ((last - first - 1) / step) + 1 : 0);
        }

        first = start is { } c ? Math.Clamp(c < 0 ? c + dim : c, -1, dim - 1) : dim - 1;
        last = stop is { } d ? Math.Clamp(d < 0 ? d + dim : d, -1, dim - 1) : -1;
        return (first, step, first > last ? ((first - last - 1) / -step) + 1 : 0);
    }
}

using System.Runtime.CompilerServices;
using System.Text;

namespace MiniDask.Graph;

/// <summary>
/// The name of one task's output: a name plus a block index, like Dask's <c>("add-3f2a", 1, 0)</c>.
/// Keys are immutable, compare by value and cache their hash, so they are cheap dictionary keys.
/// A block index of up to four entries is stored in the key itself, so a key is one small object:
/// graphs of a million tasks hold a million keys.
/// </summary>
public sealed class Key : IEquatable<Key>, IComparable<Key>
{
    private const int InlineRank = 4;

    private readonly InlineIndex inline;
    private readonly int[]? spilled;
    private readonly int rank;
    private readonly int hash;

    /// <summary>Creates a key from a name and a block index (empty for a plain named key).</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public Key(string name, params ReadOnlySpan<int> index)
        : this(name, NameHash(name), index)
    {
    }

    /// <summary>
    /// A key whose name's hash (<see cref="NameHash"/>) is already known: builders that make every
    /// key of a layer hash the layer's name once.
    /// </summary>
    internal Key(string name, int nameHash, ReadOnlySpan<int> index)
    {
        Name = name;
        rank = index.Length;
        if (rank <= InlineRank)
        {
            index.CopyTo(inline);
        }
        else
        {
            spilled = index.ToArray();
        }

        var h = nameHash;
        foreach (var i in index)
        {
            h = HashCode.Combine(h, i);
        }

        hash = h;
    }

    /// <summary>The key's name: the layer (operation) it belongs to.</summary>
    public string Name { get; }

    /// <summary>The block index within the layer; empty for a plain named key.</summary>
    public ReadOnlySpan<int> Index => spilled ?? ((ReadOnlySpan<int>)inline)[..rank];

    /// <summary>The number of entries in <see cref="Index"/>.</summary>
    public int Rank => rank;

    /// <summary>Returns entry <paramref name="axis"/> of the block index.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="axis"/> is not below <see cref="Rank"/>.</exception>
    public int this[int axis] => Index[axis];

    /// <summary>The hash of a key name that keys combine with their block index.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    internal static int NameHash(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("A key name must be a non-empty string.", nameof(name));
        }

        return StringComparer.Ordinal.GetHashCode(name);
    }

    /// <inheritdoc />
    public bool Equals(Key? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null && other.hash == hash && other.rank == rank && string.Equals(other.Name, Name)
            && other.Index.SequenceEqual(Index);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Key k && Equals(k);

    /// <inheritdoc />
    public override int GetHashCode() => hash;

    /// <summary>Orders keys by name, then by block index: the natural order of blocks within a layer.</summary>
    public int CompareTo(Key? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = string.CompareOrdinal(Name, other.Name);
        return c != 0 ? c : Index.SequenceCompareTo(other.Index);
    }

    /// <summary>Renders the key as Dask prints it: <c>('name', 1, 0)</c>, or <c>'name'</c> with no index.</summary>
    public override string ToString()
    {
        if (rank == 0)
        {
            return $"'{Name}'";
        }

        var sb = new StringBuilder().Append("('").Append(Name).Append('\'');
        foreach (var i in Index)
        {
            sb.Append(", ").Append(i);
        }

        return sb.Append(')').ToString();
    }

    /// <summary>Equality by value.</summary>
    public static bool operator ==(Key? a, Key? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Inequality by value.</summary>
    public static bool operator !=(Key? a, Key? b) => !(a == b);

    /// <summary>Room for a block index of up to <see cref="InlineRank"/> entries inside the key.</summary>
    [InlineArray(InlineRank)]
    private struct InlineIndex
    {
        private int element;
    }
}

using System.Text;

namespace MiniDask.Graph;

/// <summary>
/// The name of one task's output: a name plus a block index, like Dask's <c>("add-3f2a", 1, 0)</c>.
/// Keys are immutable, compare by value and cache their hash, so they are cheap dictionary keys.
/// </summary>
public sealed class Key : IEquatable<Key>, IComparable<Key>
{
    private readonly int[] index;
    private readonly int hash;

    /// <summary>Creates a key from a name and a block index (empty for a plain named key).</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public Key(string name, params int[] index)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("A key name must be a non-empty string.", nameof(name));
        }

        Name = name;
        this.index = index.Length == 0 ? [] : (int[])index.Clone();
        var h = new HashCode();
        h.Add(name, StringComparer.Ordinal);
        foreach (var i in this.index)
        {
            h.Add(i);
        }

        hash = h.ToHashCode();
    }

    /// <summary>The key's name: the layer (operation) it belongs to.</summary>
    public string Name { get; }

    /// <summary>The block index within the layer; empty for a plain named key.</summary>
    public ReadOnlySpan<int> Index => index;

    /// <summary>The number of entries in <see cref="Index"/>.</summary>
    public int Rank => index.Length;

    /// <summary>Returns entry <paramref name="axis"/> of the block index.</summary>
    public int this[int axis] => index[axis];

    /// <inheritdoc />
    public bool Equals(Key? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null && other.hash == hash && other.Name == Name && other.index.AsSpan().SequenceEqual(index);
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
        return c != 0 ? c : index.AsSpan().SequenceCompareTo(other.index);
    }

    /// <summary>Renders the key as Dask prints it: <c>('name', 1, 0)</c>, or <c>'name'</c> with no index.</summary>
    public override string ToString()
    {
        if (index.Length == 0)
        {
            return $"'{Name}'";
        }

        var sb = new StringBuilder().Append("('").Append(Name).Append('\'');
        foreach (var i in index)
        {
            sb.Append(", ").Append(i);
        }

        return sb.Append(')').ToString();
    }

    /// <summary>Equality by value.</summary>
    public static bool operator ==(Key? a, Key? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Inequality by value.</summary>
    public static bool operator !=(Key? a, Key? b) => !(a == b);
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using MiniDask.Graph;

namespace MiniDask.Bag;

/// <summary>
/// Key names for bag layers. Parts that <see cref="Tokenize"/> accepts give deterministic names;
/// a part it cannot tokenize (a record, say) makes the name unique instead, as Dask does for
/// objects without a deterministic token.
/// </summary>
internal static class Tokens
{
    /// <summary><c>{prefix}-{token}</c> of the parts: task arguments, types, values.</summary>
    public static string Name(string prefix, params object?[] parts) =>
        prefix + "-" + Tokenize.Token([.. parts.Select(Part)]);

    /// <summary>A token of a sequence's contents, hashed incrementally so that large inputs cost no big string.</summary>
    public static string OfSequence<T>(List<T> items)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(typeof(T).FullName ?? typeof(T).Name));
        var span = CollectionsMarshal.AsSpan(items);
        if (items is List<string> strings)
        {
            AppendStrings(hash, CollectionsMarshal.AsSpan(strings));
        }
        else if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            hash.AppendData(MemoryMarshal.CreateReadOnlySpan(
                ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(span)), span.Length * Unsafe.SizeOf<T>()));
        }
        else
        {
            return TokenOrUnique(items);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset()[..16]);
    }

    private static void AppendStrings(IncrementalHash hash, ReadOnlySpan<string> strings)
    {
        var buffer = new byte[1 << 16];
        var used = 0;
        foreach (var s in strings)
        {
            var bytes = MemoryMarshal.AsBytes(s.AsSpan());
            if (used + bytes.Length + sizeof(int) > buffer.Length)
            {
                hash.AppendData(buffer, 0, used);
                used = 0;
            }

            if (bytes.Length + sizeof(int) > buffer.Length)
            {
                hash.AppendData(BitConverter.GetBytes(bytes.Length));
                hash.AppendData(bytes);
                continue;
            }

            BitConverter.TryWriteBytes(buffer.AsSpan(used), s is null ? -1 : bytes.Length);
            bytes.CopyTo(buffer.AsSpan(used + sizeof(int)));
            used += bytes.Length + sizeof(int);
        }

        hash.AppendData(buffer, 0, used);
    }

    private static object? Part(object? part) => part switch
    {
        LiteralArg literal => Part(literal.Value),
        TaskArg arg => arg.ToString(),
        IEnumerable<TaskArg> args => args.Select(Part).ToList(),
        Type[] types => TypeNames.Join(types),
        _ => TokenOrUnique(part),
    };

    private static string TokenOrUnique(object? value)
    {
        try
        {
            return Tokenize.Token(value);
        }
        catch (ArgumentException)
        {
            return Guid.NewGuid().ToString("N");
        }
    }
}

using System.Linq.Expressions;
using System.Reflection;
using MiniDask.Graph.Loading;

namespace MiniDask.Bag;

/// <summary>
/// Compiled accessors for <c>Pluck</c>: a dotted path of public fields and properties, such as
/// <c>"Address.City"</c> on a record or <c>"Item2"</c> on a tuple.
/// </summary>
internal static class MemberPaths
{
    private static readonly ContextualCache<(Type Source, string Path, Type Result), Delegate> Compiled = new();

    /// <summary>The accessor reading <paramref name="path"/> from a <typeparamref name="T"/> as a <typeparamref name="TResult"/>.</summary>
    /// <exception cref="ArgumentException">A member of the path does not exist, or its type is not a <typeparamref name="TResult"/>.</exception>
    public static Func<T, TResult> Accessor<T, TResult>(string path) =>
        (Func<T, TResult>)Compiled.GetOrAdd((typeof(T), path, typeof(TResult)), static k => Compile<T, TResult>(k.Path));

    /// <summary>The path of tuple element <paramref name="index"/> (0-based, as in Dask): <c>Item1</c>, ..., <c>Rest.Item1</c>.</summary>
    public static string TupleItem(int index) => index < 7 ? $"Item{index + 1}" : "Rest." + TupleItem(index - 7);

    private static Func<T, TResult> Compile<T, TResult>(string path)
    {
        var item = Expression.Parameter(typeof(T), "item");
        Expression body = item;
        foreach (var name in path.Split('.'))
        {
            var member = body.Type.GetMember(name, MemberTypes.Field | MemberTypes.Property, BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(m => m is FieldInfo || ((PropertyInfo)m).GetIndexParameters().Length == 0);
            if (member is null)
            {
                var available = body.Type.GetFields(BindingFlags.Public | BindingFlags.Instance).Select(f => f.Name)
                    .Concat(body.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).Select(p => p.Name));
                throw new ArgumentException(
                    $"Cannot pluck '{path}' from {typeof(T).Name}: {body.Type.Name} has no public field or property '{name}' (it has: {string.Join(", ", available)}).",
                    nameof(path));
            }

            body = Expression.MakeMemberAccess(body, member);
        }

        if (!typeof(TResult).IsAssignableFrom(body.Type))
        {
            throw new ArgumentException($"Cannot pluck '{path}' from {typeof(T).Name} as {typeof(TResult).Name}: the member is a {body.Type.Name}.", nameof(path));
        }

        if (body.Type != typeof(TResult))
        {
            body = Expression.Convert(body, typeof(TResult));
        }

        return Expression.Lambda<Func<T, TResult>>(body, item).Compile();
    }
}

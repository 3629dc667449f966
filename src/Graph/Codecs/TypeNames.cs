using System.Text;

namespace MiniDask.Graph.Codecs;

/// <summary>Type names as C# writes them (<c>List&lt;(string, long)&gt;</c>), for error messages.</summary>
internal static class TypeNames
{
    public static string Format(Type type)
    {
        if (type.IsArray)
        {
            return Format(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Format(underlying) + "?";
        }

        if (!type.IsGenericType)
        {
            return type.FullName ?? type.Name;
        }

        var args = type.GetGenericArguments();
        if (type.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true && args.Length < 8)
        {
            return "(" + string.Join(", ", args.Select(Format)) + ")";
        }

        var definition = type.GetGenericTypeDefinition().FullName ?? type.Name;
        var tick = definition.IndexOf('`', StringComparison.Ordinal);
        var sb = new StringBuilder(tick < 0 ? definition : definition[..tick]);
        return sb.Append('<').Append(string.Join(", ", args.Select(Format))).Append('>').ToString();
    }
}

namespace MiniDask.Protocol;

/// <summary>
/// How an exception raised on a worker travels: its type's full name and its message, joined as
/// <c>Type: message</c> in the state machines and split again into the wire's two fields.
/// </summary>
public static class RemoteErrorText
{
    private const string Separator = ": ";

    /// <summary>The <c>Type: message</c> text of <paramref name="exception"/>.</summary>
    public static string Format(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Join(exception.GetType().FullName ?? exception.GetType().Name, exception.Message);
    }

    /// <summary>Joins a type name and a message as <c>Type: message</c>.</summary>
    public static string Join(string type, string message) => type + Separator + message;

    /// <summary>Splits <c>Type: message</c> text; text with no type gives an empty type.</summary>
    public static (string Type, string Message) Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf(Separator, StringComparison.Ordinal);
        return at > 0 && !text[..at].Contains(' ', StringComparison.Ordinal)
            ? (text[..at], text[(at + Separator.Length)..])
            : ("", text);
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MiniDask.Graph.Codecs;

/// <summary>
/// The fallback for records and plain classes: the type's assembly-qualified name as the type
/// argument, then the value as UTF-8 JSON. Only types that pass <see cref="JsonRoundTrip"/> are
/// encoded or decoded, so a peer cannot name an arbitrary type to instantiate.
/// </summary>
internal sealed class JsonValueCodec : IValueCodec
{
    public static readonly JsonValueCodec Instance = new();

    private JsonValueCodec()
    {
    }

    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public string Tag => "json";

    public bool CanEncode(Type type) => false;

    public void WriteTypeArguments(Type type, ValueWriter writer) => TypeResolution.Write(type, writer);

    public Type ReadType(ValueReader reader)
    {
        var type = TypeResolution.Read(reader);
        if (ValueCodecs.IsStaticOnly(type))
        {
            throw new InvalidDataException($"A value was sent as {TypeNames.Format(type)}, which is an interface or abstract class.");
        }

        var reason = JsonRoundTrip.WhyNot(type);
        return reason is null
            ? type
            : throw new InvalidDataException($"A value was sent as {TypeNames.Format(type)}, which does not round-trip through JSON: {reason}");
    }

    public void Encode(object value, ValueWriter writer)
    {
        byte[] json;
        try
        {
            json = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Options);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new NotSupportedException($"A {TypeNames.Format(value.GetType())} could not be written as JSON: {e.Message}", e);
        }

        writer.WriteCount(json.Length);
        writer.WriteBytes(json);
    }

    public object? Decode(Type type, ValueReader reader)
    {
        var json = reader.ReadBytes(reader.ReadCount(minBytesPerItem: 1));
        try
        {
            return JsonSerializer.Deserialize(json, type, Options)
                ?? throw new InvalidDataException($"A {TypeNames.Format(type)} was sent as JSON null.");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new InvalidDataException($"A {TypeNames.Format(type)} could not be read from its JSON: {e.Message}", e);
        }
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            // Public fields carry state too, and NaN or infinite doubles must survive the trip.
            IncludeFields = true,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}

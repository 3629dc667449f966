using System.Collections;
using System.Reflection;
using MessagePack;

namespace MiniDask.Graph.Codecs.UserTypes;

/// <summary>
/// Writes and reads values of user records, classes and structs in MessagePack, with the layouts
/// MessagePack-CSharp gives them (contractless maps by member name, or the type's
/// <c>[MessagePackObject]</c> contract), through reflection alone: no code is generated and nothing
/// is cached by type in a way that would keep a client's unloadable assemblies alive on a worker.
/// Scalars go through MessagePack's standard formatters. Types are taken as declared (the root, a
/// member's type, an item type); <see cref="UserTypeRules"/> decides beforehand which types qualify.
/// </summary>
internal static class UserTypeSerializer
{
    /// <summary>How deeply values may nest; deeper input is refused as malformed.</summary>
    public const int MaxDepth = 100;

    private static readonly MessagePackSerializerOptions Scalars = MessagePackSerializerOptions.Standard.WithSecurity(MessagePackSecurity.UntrustedData);

    /// <summary>Writes <paramref name="value"/> as a value of declared type <paramref name="type"/>.</summary>
    /// <exception cref="NotSupportedException">The type, or a type inside it, cannot be written; the message says why.</exception>
    public static void Write(ref MessagePackWriter writer, Type type, object? value, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new NotSupportedException($"A {TypeNames.Format(type)} nests more than {MaxDepth} levels deep.");
        }

        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        var shape = TypeShape.Of(type);
        if (shape.Refusal is { } refusal)
        {
            throw new NotSupportedException($"{TypeNames.Format(type)} cannot be written: {refusal}.");
        }

        switch (shape.Kind)
        {
            case ShapeKind.Builtin:
                MessagePackSerializer.Serialize(type, ref writer, value, Scalars);
                break;
            case ShapeKind.Enum:
                if (Enum.GetUnderlyingType(type) == typeof(ulong))
                {
                    writer.Write(Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    writer.Write(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                }

                break;
            case ShapeKind.Nullable:
                Write(ref writer, shape.Item!, value, depth + 1);
                break;
            case ShapeKind.Array or ShapeKind.Collection:
                var items = value as ICollection ?? ((IEnumerable)value).Cast<object?>().ToList();
                writer.WriteArrayHeader(items.Count);
                foreach (var item in items)
                {
                    Write(ref writer, shape.Item!, item, depth + 1);
                }

                break;
            case ShapeKind.Dictionary:
                var entries = (IDictionary)value;
                writer.WriteMapHeader(entries.Count);
                for (var entry = entries.GetEnumerator(); entry.MoveNext();)
                {
                    Write(ref writer, shape.Item!, entry.Key, depth + 1);
                    Write(ref writer, shape.Value!, entry.Value, depth + 1);
                }

                break;
            case ShapeKind.Tuple:
                writer.WriteArrayHeader(shape.Components.Length);
                for (var i = 0; i < shape.Components.Length; i++)
                {
                    Write(ref writer, shape.Components[i], TupleItem(value, i), depth + 1);
                }

                break;
            default:
                WriteObject(ref writer, shape.Layout!, value, depth);
                break;
        }
    }

    /// <summary>Reads a value of declared type <paramref name="type"/>.</summary>
    /// <exception cref="MessagePackSerializationException">The bytes are not a value of that type.</exception>
    public static object? Read(ref MessagePackReader reader, Type type, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw new MessagePackSerializationException($"A {TypeNames.Format(type)} nests more than {MaxDepth} levels deep.");
        }

        if (reader.TryReadNil())
        {
            return type.IsValueType && Nullable.GetUnderlyingType(type) is null
                ? throw new MessagePackSerializationException($"A {TypeNames.Format(type)} was sent as nil.")
                : null;
        }

        var shape = TypeShape.Of(type);
        if (shape.Refusal is { } refusal)
        {
            throw new MessagePackSerializationException($"{TypeNames.Format(type)} cannot be read: {refusal}.");
        }

        switch (shape.Kind)
        {
            case ShapeKind.Builtin:
                return MessagePackSerializer.Deserialize(type, ref reader, Scalars);
            case ShapeKind.Enum:
                return Enum.ToObject(type, Enum.GetUnderlyingType(type) == typeof(ulong) ? reader.ReadUInt64() : reader.ReadInt64());
            case ShapeKind.Nullable:
                return Read(ref reader, shape.Item!, depth + 1);
            case ShapeKind.Array:
                var array = Array.CreateInstance(shape.Item!, reader.ReadArrayHeader());
                for (var i = 0; i < array.Length; i++)
                {
                    array.SetValue(Read(ref reader, shape.Item!, depth + 1), i);
                }

                return array;
            case ShapeKind.Collection:
                var collection = Activator.CreateInstance(shape.Concrete!)!;
                var add = TypeShape.AddMethod(shape.Concrete!, shape.Item!)!;
                for (var n = reader.ReadArrayHeader(); n > 0; n--)
                {
                    add.Invoke(collection, [Read(ref reader, shape.Item!, depth + 1)]);
                }

                return collection;
            case ShapeKind.Dictionary:
                var dictionary = (IDictionary)Activator.CreateInstance(shape.Concrete!)!;
                for (var n = reader.ReadMapHeader(); n > 0; n--)
                {
                    var key = Read(ref reader, shape.Item!, depth + 1)
                        ?? throw new MessagePackSerializationException($"A {TypeNames.Format(type)} was sent with a nil key.");
                    dictionary[key] = Read(ref reader, shape.Value!, depth + 1);
                }

                return dictionary;
            case ShapeKind.Tuple:
                var count = reader.ReadArrayHeader();
                if (count != shape.Components.Length)
                {
                    throw new MessagePackSerializationException($"A {TypeNames.Format(type)} was sent with {count} items.");
                }

                var components = new object?[count];
                for (var i = 0; i < count; i++)
                {
                    components[i] = Read(ref reader, shape.Components[i], depth + 1);
                }

                return Activator.CreateInstance(type, components);
            default:
                return ReadObject(ref reader, shape.Layout!, depth);
        }
    }

    private static void WriteObject(ref MessagePackWriter writer, ObjectLayout layout, object value, int depth)
    {
        if (layout.AsArray)
        {
            var length = layout.Members.Length == 0 ? 0 : layout.Members.Max(m => m.Index) + 1;
            writer.WriteArrayHeader(length);
            for (var i = 0; i < length; i++)
            {
                var member = Array.Find(layout.Members, m => m.Index == i);
                if (member is null)
                {
                    writer.WriteNil();
                }
                else
                {
                    Write(ref writer, member.Type, member.Get(value), depth + 1);
                }
            }

            return;
        }

        writer.WriteMapHeader(layout.Members.Length);
        foreach (var member in layout.Members)
        {
            writer.Write(member.Name);
            Write(ref writer, member.Type, member.Get(value), depth + 1);
        }
    }

    private static object ReadObject(ref MessagePackReader reader, ObjectLayout layout, int depth)
    {
        var values = new object?[layout.Members.Length];
        var present = new bool[layout.Members.Length];
        if (layout.AsArray)
        {
            var count = reader.ReadArrayHeader();
            for (var i = 0; i < count; i++)
            {
                var m = Array.FindIndex(layout.Members, x => x.Index == i);
                if (m < 0)
                {
                    reader.Skip();
                    continue;
                }

                values[m] = Read(ref reader, layout.Members[m].Type, depth + 1);
                present[m] = true;
            }
        }
        else
        {
            for (var n = reader.ReadMapHeader(); n > 0; n--)
            {
                var name = reader.ReadString();
                var m = Array.FindIndex(layout.Members, x => x.Name == name);
                if (m < 0)
                {
                    reader.Skip();
                    continue;
                }

                values[m] = Read(ref reader, layout.Members[m].Type, depth + 1);
                present[m] = true;
            }
        }

        return Build(layout, values, present);
    }

    private static object Build(ObjectLayout layout, object?[] values, bool[] present)
    {
        object instance;
        var byConstructor = new bool[values.Length];
        if (layout.Constructor is { } constructor)
        {
            var parameters = constructor.GetParameters();
            var arguments = new object?[parameters.Length];
            for (var p = 0; p < parameters.Length; p++)
            {
                var m = layout.ConstructorMembers[p];
                arguments[p] = present[m] ? values[m] : DefaultOf(parameters[p].ParameterType);
                byConstructor[m] = true;
            }

            try
            {
                instance = constructor.Invoke(arguments);
            }
            catch (TargetInvocationException e)
            {
                throw new MessagePackSerializationException($"The constructor of {TypeNames.Format(layout.Type)} refused the values sent: {e.InnerException?.Message}", e);
            }
        }
        else
        {
            instance = Activator.CreateInstance(layout.Type)!;
        }

        for (var m = 0; m < values.Length; m++)
        {
            if (present[m] && !byConstructor[m])
            {
                layout.Members[m].Set(instance, values[m]);
            }
        }

        return instance;
    }

    private static object? DefaultOf(Type type) => type.IsValueType ? Activator.CreateInstance(type) : null;

    private static object? TupleItem(object tuple, int index)
    {
        var type = tuple.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
        {
            return type.GetProperty(index == 0 ? "Key" : "Value")!.GetValue(tuple);
        }

        var name = index < 7 ? $"Item{index + 1}" : "Rest";
        return (MemberInfo?)type.GetField(name) switch
        {
            FieldInfo field => field.GetValue(tuple),
            _ => type.GetProperty(name)!.GetValue(tuple),
        };
    }
}

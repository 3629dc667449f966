using System.Reflection;

namespace MiniDask.Graph.Codecs;

/// <summary>
/// <see cref="ValueTuple"/>s (tag <c>vtuple</c>) or <see cref="Tuple"/>s (tag <c>tuple</c>) of
/// supported components, of any arity (the eighth component, <c>Rest</c>, is itself a tuple).
/// Pairs and triples of value tuples, the shape of a bag's <c>(key, count)</c> records, are
/// written with typed codecs and no boxing.
/// </summary>
internal sealed class TupleCodecFamily(bool valueTuples) : IValueCodec, ICodecFamily
{
    private static readonly Type[] ValueTupleDefinitions =
    [
        typeof(ValueTuple<>), typeof(ValueTuple<,>), typeof(ValueTuple<,,>), typeof(ValueTuple<,,,>),
        typeof(ValueTuple<,,,,>), typeof(ValueTuple<,,,,,>), typeof(ValueTuple<,,,,,,>), typeof(ValueTuple<,,,,,,,>),
    ];

    private static readonly Type[] TupleDefinitions =
    [
        typeof(Tuple<>), typeof(Tuple<,>), typeof(Tuple<,,>), typeof(Tuple<,,,>),
        typeof(Tuple<,,,,>), typeof(Tuple<,,,,,>), typeof(Tuple<,,,,,,>), typeof(Tuple<,,,,,,,>),
    ];

    private Type[] Definitions => valueTuples ? ValueTupleDefinitions : TupleDefinitions;

    public string Tag => valueTuples ? "vtuple" : "tuple";

    public bool CanEncode(Type type) =>
        type.IsGenericType && Definitions.Contains(type.GetGenericTypeDefinition())
        && type.GetGenericArguments().All(a => ValueCodecs.IsSerializable(a, out _));

    public void WriteTypeArguments(Type type, ValueWriter writer)
    {
        var args = type.GetGenericArguments();
        writer.WriteByte((byte)args.Length);
        foreach (var arg in args)
        {
            writer.WriteType(arg);
        }
    }

    public Type ReadType(ValueReader reader)
    {
        var arity = reader.ReadByte();
        if (arity is < 1 or > 8)
        {
            throw new InvalidDataException($"A tuple has 1 to 8 type arguments; found {arity}.");
        }

        var args = new Type[arity];
        for (var i = 0; i < arity; i++)
        {
            args[i] = reader.ReadType();
        }

        try
        {
            return Definitions[arity - 1].MakeGenericType(args);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The tuple type arguments sent are not valid: {e.Message}", e);
        }
    }

    public void Encode(object value, ValueWriter writer) => TypedCodecs.Exact(value.GetType()).WriteBoxed(writer, value);

    public object? Decode(Type type, ValueReader reader) => TypedCodecs.Exact(type).ReadBoxed(reader);

    public ITypedCodec CreateTyped(Type type)
    {
        var args = type.GetGenericArguments();
        var codec = (valueTuples, args.Length) switch
        {
            (true, 2) => typeof(PairCodec<,>).MakeGenericType(args),
            (true, 3) => typeof(TripleCodec<,,>).MakeGenericType(args),
            _ => typeof(ReflectionTupleCodec<>).MakeGenericType(type),
        };
        return (ITypedCodec)Activator.CreateInstance(codec)!;
    }
}

/// <summary>A value pair, each component with its typed element codec.</summary>
internal sealed class PairCodec<T1, T2> : TypedCodec<(T1, T2)>
{
    private readonly ITypedCodec<T1> first = TypedCodecs.Element<T1>();
    private readonly ITypedCodec<T2> second = TypedCodecs.Element<T2>();

    public override void Write(ValueWriter writer, (T1, T2) value)
    {
        first.Write(writer, value.Item1);
        second.Write(writer, value.Item2);
    }

    public override (T1, T2) Read(ValueReader reader) => (first.Read(reader), second.Read(reader));
}

/// <summary>A value triple, each component with its typed element codec.</summary>
internal sealed class TripleCodec<T1, T2, T3> : TypedCodec<(T1, T2, T3)>
{
    private readonly ITypedCodec<T1> first = TypedCodecs.Element<T1>();
    private readonly ITypedCodec<T2> second = TypedCodecs.Element<T2>();
    private readonly ITypedCodec<T3> third = TypedCodecs.Element<T3>();

    public override void Write(ValueWriter writer, (T1, T2, T3) value)
    {
        first.Write(writer, value.Item1);
        second.Write(writer, value.Item2);
        third.Write(writer, value.Item3);
    }

    public override (T1, T2, T3) Read(ValueReader reader) => (first.Read(reader), second.Read(reader), third.Read(reader));
}

/// <summary>Any other tuple: components read through reflection, each with its element codec.</summary>
internal sealed class ReflectionTupleCodec<T> : TypedCodec<T>
{
    private readonly Func<object, object?>[] getters;
    private readonly ITypedCodec[] components;
    private readonly ConstructorInfo constructor;

    public ReflectionTupleCodec()
    {
        var args = typeof(T).GetGenericArguments();
        var names = Enumerable.Range(1, Math.Min(args.Length, 7)).Select(i => $"Item{i}").ToList();
        if (args.Length == 8)
        {
            names.Add("Rest");
        }

        getters = [.. names.Select(Getter)];
        components = [.. args.Select(TypedCodecs.Element)];
        constructor = typeof(T).GetConstructor(args)
            ?? throw new NotSupportedException($"Tuple type {TypeNames.Format(typeof(T))} has no constructor taking its components.");
    }

    public override void Write(ValueWriter writer, T value)
    {
        var boxed = (object)value!;
        for (var i = 0; i < components.Length; i++)
        {
            components[i].WriteBoxed(writer, getters[i](boxed));
        }
    }

    public override T Read(ValueReader reader)
    {
        var values = new object?[components.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = components[i].ReadBoxed(reader);
        }

        return (T)constructor.Invoke(values);
    }

    private static Func<object, object?> Getter(string name)
    {
        var field = typeof(T).GetField(name);
        if (field is not null)
        {
            return field.GetValue;
        }

        var property = typeof(T).GetProperty(name)!;
        return property.GetValue;
    }
}

using MiniDask.Graph.Codecs;

namespace MiniDask.Protocol.Tests.Codecs;

public sealed record WithCallback(string Name, Action Callback);

public sealed record WithObject(string Name, object Payload);

public interface IShape
{
    double Area { get; }
}

public sealed record WithInterface(IShape Shape);

public sealed class WithPrivateState
{
    private int count;

    public string Name { get; set; } = "";

    public void Bump() => count++;

    public int Count() => count;
}

public sealed class ReadOnlyWithoutConstructor
{
    public string Name { get; } = "fixed";

    public int Size { get; set; }
}

public sealed record WithComputed(double Width, double Height)
{
    public double Area => Width * Height;
}

public sealed record WithMatrix(double[,] Cells);

public class EnsureSerializableTests
{
    [Theory]
    [InlineData(typeof(WithCallback), "Callback")]
    [InlineData(typeof(WithObject), "Payload")]
    [InlineData(typeof(WithInterface), "Shape")]
    [InlineData(typeof(WithPrivateState), "count")]
    [InlineData(typeof(ReadOnlyWithoutConstructor), "Name")]
    [InlineData(typeof(WithMatrix), "multi-dimensional")]
    [InlineData(typeof(Action), "delegate")]
    [InlineData(typeof(List<Func<int>>), "delegate")]
    public void EnsureSerializable_TypeThatCannotRoundTrip_ThrowsNamingTypeAndMember(Type type, string member)
    {
        var error = Assert.Throws<NotSupportedException>(() => ValueCodecs.EnsureSerializable(type));

        Assert.Contains(type.Name.Split('`')[0], error.Message);
        Assert.Contains(member, error.Message);
    }

    [Theory]
    [InlineData(typeof(int))]
    [InlineData(typeof(string))]
    [InlineData(typeof(List<(string, long)>))]
    [InlineData(typeof(Dictionary<string, long>))]
    [InlineData(typeof(object[]))]
    [InlineData(typeof(Point))]
    [InlineData(typeof(MutablePoco))]
    [InlineData(typeof(WithComputed))]
    [InlineData(typeof(Guid))]
    public void EnsureSerializable_SupportedType_DoesNotThrow(Type type)
    {
        ValueCodecs.EnsureSerializable(type);

        Assert.True(ValueCodecs.IsSerializable(type, out var reason), reason);
    }

    [Fact]
    public void Encode_RecordWithDelegate_ThrowsNamingType()
    {
        var error = Assert.Throws<NotSupportedException>(() => ValueCodecs.Encode(new WithCallback("x", () => { })));

        Assert.Contains(nameof(WithCallback), error.Message);
    }

    [Fact]
    public void Decode_RecordWithComputedProperty_KeepsStoredMembers()
    {
        var decoded = Assert.IsType<WithComputed>(ValueCodecs.Decode(ValueCodecs.Encode(new WithComputed(2, 3))));

        Assert.Equal(6, decoded.Area);
    }
}

namespace MiniDask.Graph.Tests;

public class KeyTests
{
    [Fact]
    public void Equals_SameNameAndIndex_EqualWithSameHash()
    {
        var a = new Key("x", 1, 0);
        var b = new Key("x", 1, 0);

        Assert.True(a.Equals(b));
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Single(new HashSet<Key> { a, b });
    }

    [Theory]
    [InlineData("x", new[] { 1, 1 })]
    [InlineData("y", new[] { 1, 0 })]
    [InlineData("x", new[] { 1 })]
    [InlineData("x", new[] { 1, 0, 0 })]
    public void Equals_DifferentNameOrIndex_NotEqual(string name, int[] index)
    {
        var key = new Key("x", 1, 0);

        Assert.NotEqual(key, new Key(name, index));
        Assert.True(key != new Key(name, index));
    }

    [Fact]
    public void ToString_WithIndex_RendersLikeDask() =>
        Assert.Equal("('x', 1, 0)", new Key("x", 1, 0).ToString());

    [Fact]
    public void ToString_NoIndex_RendersQuotedName() =>
        Assert.Equal("'total'", new Key("total").ToString());

    [Fact]
    public void CompareTo_Keys_OrdersByNameThenIndex()
    {
        Key[] keys = [new("b", 0), new("a", 2), new("a", 10), new("a", 1, 5)];

        var sorted = keys.Order().Select(k => k.ToString()).ToArray();

        Assert.Equal(["('a', 1, 5)", "('a', 2)", "('a', 10)", "('b', 0)"], sorted);
    }

    [Fact]
    public void Constructor_IndexArrayChangedAfterwards_KeyUnchanged()
    {
        var index = new[] { 1, 2 };
        var key = new Key("x", index);

        index[0] = 9;

        Assert.Equal(1, key[0]);
        Assert.Equal(new Key("x", 1, 2), key);
    }

    [Fact]
    public void Constructor_EmptyName_Throws() =>
        Assert.Throws<ArgumentException>(() => new Key("", 0));
}

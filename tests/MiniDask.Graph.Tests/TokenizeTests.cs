namespace MiniDask.Graph.Tests;

public class TokenizeTests
{
    [Fact]
    public void Token_SameInputsTwice_SameToken()
    {
        object?[] parts = ["add", 3, 2.5, new Key("x", 1), new[] { 4, 5 }, null, true];

        Assert.Equal(Tokenize.Token(parts), Tokenize.Token([.. parts]));
    }

    [Fact]
    public void Token_Always_Is32LowercaseHexDigits()
    {
        var token = Tokenize.Token("x", 1);

        Assert.Matches("^[0-9a-f]{32}$", token);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(1, 1L)]
    [InlineData(1, 1.0)]
    [InlineData(1.0, 1.0f)]
    [InlineData("1", 1)]
    [InlineData("a", 'a')]
    [InlineData(true, 1)]
    [InlineData(0.0, -0.0)]
    public void Token_DifferentValuesOrTypes_DifferentTokens(object a, object b) =>
        Assert.NotEqual(Tokenize.Token(a), Tokenize.Token(b));

    [Fact]
    public void Token_CollectionsWithSameItemsDifferentNesting_DifferentTokens()
    {
        var flat = Tokenize.Token(new[] { 1, 2 }, new[] { 3 });
        var shifted = Tokenize.Token(new[] { 1 }, new[] { 2, 3 });

        Assert.NotEqual(flat, shifted);
    }

    [Fact]
    public void Token_StringsThatConcatenateAlike_DifferentTokens() =>
        Assert.NotEqual(Tokenize.Token("ab", "c"), Tokenize.Token("a", "bc"));

    [Fact]
    public void Token_UntokenizableObject_ThrowsNamingType()
    {
        var error = Assert.Throws<ArgumentException>(() => Tokenize.Token("x", new object()));

        Assert.Contains("System.Object", error.Message);
    }

    [Fact]
    public void Name_Prefix_PrefixDashToken() =>
        Assert.Equal("add-" + Tokenize.Token(1, 2), Tokenize.Name("add", 1, 2));
}

namespace MiniDask.Worker.Tests;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("2GB", 2_000_000_000L)]
    [InlineData("512MiB", 512L * 1024 * 1024)]
    [InlineData("1.5e6", 1_500_000L)]
    [InlineData(" 64 kb ", 64_000L)]
    [InlineData("100", 100L)]
    public void Parse_KnownForms_GiveBytes(string text, long expected) => Assert.Equal(expected, ByteSize.Parse(text));

    [Theory]
    [InlineData("lots")]
    [InlineData("-1GB")]
    [InlineData("")]
    public void Parse_Nonsense_ThrowsQuotingIt(string text)
    {
        var error = Assert.Throws<FormatException>(() => ByteSize.Parse(text));

        Assert.Contains($"'{text}'", error.Message);
    }
}

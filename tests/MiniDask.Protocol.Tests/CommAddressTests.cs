namespace MiniDask.Protocol.Tests;

public class CommAddressTests
{
    [Theory]
    [InlineData("tcp://127.0.0.1:8786", "tcp", "127.0.0.1", 8786)]
    [InlineData("TLS://scheduler.example.org:443", "tls", "scheduler.example.org", 443)]
    [InlineData("tcp://[::1]:0", "tcp", "::1", 0)]
    [InlineData("10.0.0.5:40123", "tcp", "10.0.0.5", 40123)]
    [InlineData("inproc://cluster-1", "inproc", "cluster-1", 0)]
    public void Parse_ValidAddress_GivesParts(string text, string scheme, string host, int port)
    {
        var address = CommAddress.Parse(text);

        Assert.Equal(scheme, address.Scheme);
        Assert.Equal(host, address.Host);
        Assert.Equal(port, address.Port);
    }

    [Theory]
    [InlineData("tcp://127.0.0.1:8786")]
    [InlineData("tls://[::1]:9000")]
    [InlineData("inproc://a")]
    public void ToString_ParsedAddress_RoundTrips(string text)
    {
        Assert.Equal(text, CommAddress.Parse(text).ToString());
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("udp://host:1", "unknown scheme 'udp'")]
    [InlineData("tcp://host", "no port")]
    [InlineData("tcp://host:99999", "port '99999'")]
    [InlineData("tcp://host:http", "port 'http'")]
    [InlineData("tcp://:8786", "no valid host")]
    [InlineData("tcp://::1:8786", "brackets")]
    [InlineData("tcp://[host]:1", "not an IPv6 address")]
    [InlineData("tcp://[::1]8786", "]:PORT")]
    [InlineData("tcp://bad host:1", "no valid host")]
    public void Parse_MalformedAddress_ThrowsFormatExceptionSayingWhy(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => CommAddress.Parse(text));

        Assert.Contains(expected, error.Message);
    }
}

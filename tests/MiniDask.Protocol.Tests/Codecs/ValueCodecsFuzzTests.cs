using MiniDask.Array.Serialization;
using MiniDask.Graph.Codecs;
using MiniDask.Kernels;

namespace MiniDask.Protocol.Tests.Codecs;

public class ValueCodecsFuzzTests
{
    public ValueCodecsFuzzTests() => NDArrayCodec.Register();

    public static TheoryData<string> Samples() => new() { "list-pairs", "object-array", "dict", "record", "block", "tuple8", "strings" };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Decode_MutatedHeaders_SucceedOrThrowInvalidDataOnly(string sample)
    {
        var encoded = ValueCodecs.Encode(Sample(sample));
        var header = encoded.Header.ToArray();
        var random = new Random(sample.GetHashCode(StringComparison.Ordinal) & 0x7FFF_FFFF);
        var refused = 0;

        for (var i = 0; i < 2000; i++)
        {
            var mutated = (byte[])header.Clone();
            for (var n = random.Next(1, 4); n > 0 && mutated.Length > 0; n--)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            if (random.Next(4) == 0 && mutated.Length > 1)
            {
                mutated = mutated[..random.Next(mutated.Length)];
            }

            try
            {
                ValueCodecs.Decode(encoded.Tag, mutated, encoded.Segments);
            }
            catch (InvalidDataException)
            {
                refused++;
            }
        }

        Assert.True(refused > 0, "no mutation was refused");
    }

    private static object Sample(string name) => name switch
    {
        "list-pairs" => new List<(string, long)> { ("alpha", 1), ("beta", 2), ("gamma", 3) },
        "object-array" => new object?[] { 1, "two", 3.0, null, new[] { 4L, 5L }, (6, "seven"), new List<string> { "x" } },
        "dict" => new Dictionary<string, long> { ["a"] = 1, ["b"] = 2 },
        "record" => new Point(1.5, -2, "p"),
        "block" => NDArray.FromArray(new[] { 1.0, 2, 3, 4, 5, 6 }, 2, 3),
        "tuple8" => (1, "2", 3L, 4.0, 5f, true, "7", 8),
        _ => new[] { "a", null, "ccc" },
    };
}

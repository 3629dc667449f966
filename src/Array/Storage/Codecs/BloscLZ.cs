namespace MiniDask.Array.Storage.Codecs;

/// <summary>
/// The decoder of BloscLZ, Blosc's own compressor (a FastLZ variant): a stream of literal runs
/// and back-references. Only reading is offered; chunks are written with LZ4, Zstandard or zlib.
/// </summary>
internal static class BloscLZ
{
    private const int MaxDistance = 8191;

    /// <summary>Decodes <paramref name="input"/> into <paramref name="output"/>; returns the bytes written, or -1 when the stream is malformed.</summary>
    public static int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (input.IsEmpty)
        {
            return 0;
        }

        var ip = 0;
        var op = 0;
        var ctrl = input[ip++] & 31;
        while (true)
        {
            if (ctrl >= 32)
            {
                // A back-reference: length in the top 3 bits (7 means more bytes follow), distance in the rest.
                var length = (ctrl >> 5) - 1;
                var distance = (ctrl & 31) << 8;
                if (length == 6)
                {
                    int more;
                    do
                    {
                        if (ip + 1 >= input.Length)
                        {
                            return -1;
                        }

                        more = input[ip++];
                        length += more;
                    }
                    while (more == 255);
                }
                else if (ip + 1 >= input.Length)
                {
                    return -1;
                }

                var code = input[ip++];
                length += 3;
                var reference = op - distance - code;
                if (code == 255 && distance == 31 << 8)
                {
                    // A 16-bit distance beyond the short window.
                    if (ip + 1 >= input.Length)
                    {
                        return -1;
                    }

                    distance = (input[ip] << 8) + input[ip + 1];
                    ip += 2;
                    reference = op - distance - MaxDistance;
                }

                if (op + length > output.Length || reference - 1 < 0)
                {
                    return -1;
                }

                // As the reference decoder, a stream that ends right after a back-reference ends there.
                if (ip >= input.Length)
                {
                    break;
                }

                ctrl = input[ip++];
                reference--;
                for (var k = 0; k < length; k++)
                {
                    output[op++] = output[reference++];
                }
            }
            else
            {
                // A literal run of ctrl + 1 bytes.
                var run = ctrl + 1;
                if (op + run > output.Length || ip + run > input.Length)
                {
                    return -1;
                }

                input.Slice(ip, run).CopyTo(output[op..]);
                op += run;
                ip += run;
                if (ip >= input.Length)
                {
                    break;
                }

                ctrl = input[ip++];
            }
        }

        return op;
    }
}

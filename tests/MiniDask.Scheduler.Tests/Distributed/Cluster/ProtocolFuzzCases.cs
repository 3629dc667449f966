using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MessagePack;
using MiniDask.Graph;
using MiniDask.Graph.Codecs;
using MiniDask.Protocol;
using MiniDask.Protocol.Messages;
using MiniDask.Testing;
using static MiniDask.Scheduler.Tests.TestOps;

namespace MiniDask.Scheduler.Tests.Distributed.Cluster;

/// <summary>Where a fuzz connection goes.</summary>
internal enum FuzzTarget
{
    Scheduler,
    Worker,
}

/// <summary>What the fuzz frames are built from: the cluster's token and real names, so mutations reach the handlers.</summary>
internal sealed record FuzzContext(string Token, string WorkerAddress, string PersistClient, IReadOnlyList<Key> PersistedKeys);

/// <summary>One fuzz connection: where, the valid handshake sent first (or none), the mutated bytes, and how they were made.</summary>
internal sealed record FuzzCase(int Index, FuzzTarget Target, byte[]? Handshake, byte[] Frame, string Template, string Mutation)
{
    public override string ToString() =>
        $"case {Index} -> {Target}: {(Handshake is null ? "no handshake" : "valid handshake")}, {Template}, {Mutation}, {Frame.Length} bytes";
}

/// <summary>Builds the cases from one seed: the same seed gives the same templates and mutations.</summary>
internal static class ProtocolFuzzCases
{
    public static async Task<List<FuzzCase>> BuildAsync(int count, int seed, FuzzContext context)
    {
        var random = new Random(seed);
        var clientHandshake = await FrameAsync(Hello(context.Token, PeerRole.Client, ProtocolVersion.Current));
        var peerHandshake = await FrameAsync(Hello(context.Token, PeerRole.Worker, ProtocolVersion.Current));
        var cases = new List<FuzzCase>(count);
        for (var i = 0; i < count; i++)
        {
            var target = i % 2 == 0 ? FuzzTarget.Scheduler : FuzzTarget.Worker;
            var beforeHandshake = random.Next(10) < 3;
            var (template, frame) = beforeHandshake
                ? await OpeningAsync(random, context)
                : target == FuzzTarget.Scheduler
                    ? await SchedulerMessageAsync(random, context, i)
                    : await PeerMessageAsync(random, context, i);
            var (mutation, mutated) = Mutate(frame, random);
            var handshake = beforeHandshake ? null : target == FuzzTarget.Scheduler ? clientHandshake : peerHandshake;
            cases.Add(new FuzzCase(i, target, handshake, mutated, template, mutation));
        }

        return cases;
    }

    /// <summary>What a connection may open with: handshakes right and wrong, other messages, junk.</summary>
    private static async Task<(string, byte[])> OpeningAsync(Random random, FuzzContext context)
    {
        switch (random.Next(8))
        {
            case 0:
                return ("Handshake", await FrameAsync(Hello(context.Token, PeerRole.Client, ProtocolVersion.Current)));
            case 1:
                return ("Handshake with a wrong token", await FrameAsync(Hello(context.Token[..^1] + "x", PeerRole.Worker, ProtocolVersion.Current)));
            case 2:
                return ("Handshake without a token", await FrameAsync(Hello("", PeerRole.Client, ProtocolVersion.Current)));
            case 3:
                return ("Handshake of version 99", await FrameAsync(Hello(context.Token, PeerRole.Client, 99)));
            case 4:
                return ("GetDataRequest before any handshake", await FrameAsync(new Message(new GetDataRequest { Keys = [context.PersistedKeys[0]], Requester = "fuzz" })));
            case 5:
                return ("HTTP request", Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
            case 6:
                return ("Unknown envelope kind", UnknownKind(random));
            default:
                var junk = new byte[random.Next(1, 4096)];
                random.NextBytes(junk);
                return ("random bytes", junk);
        }
    }

    /// <summary>Messages a client or an impostor worker could send the scheduler after a good handshake.</summary>
    private static async Task<(string, byte[])> SchedulerMessageAsync(Random random, FuzzContext context, int index)
    {
        var key = context.PersistedKeys[random.Next(context.PersistedKeys.Count)];
        var requestId = (ulong)random.Next(0, 3);
        switch (random.Next(15))
        {
            case 0:
                var (shape, graph) = FuzzGraph($"fuzz-{index}", random, context);
                return ($"UpdateGraph ({shape})", await FrameAsync(graph));
            case 1:
                return ("UpdateGraph under the persisting client's id", await FrameAsync(FuzzGraph(context.PersistClient, random, context).Graph));
            case 2:
                return ("Cancel of the persisted keys", await FrameAsync(new Message(new Cancel { Client = context.PersistClient, Keys = [key] }) { RequestId = requestId }));
            case 3:
                return ("RegisterWorker with a live worker's address",
                    await FrameAsync(new Message(new RegisterWorker { Address = context.WorkerAddress, Name = "fuzz-impostor", Threads = 1, Device = "cpu" }) { RequestId = requestId }));
            case 4:
                return ("Heartbeat from an unregistered peer", await FrameAsync(new Message(new Heartbeat { MemoryBytes = 1 << 20, Executing = 1, ExecutingKeys = [key] })));
            case 5:
                return ("TaskFinished of a persisted key", await FrameAsync(new Message(new TaskFinished { Key = key, NBytes = 8, StimulusId = "fuzz" })));
            case 6:
                return ("TaskErred of a persisted key",
                    await FrameAsync(new Message(new TaskErred { Key = key, ExceptionType = "System.Exception", Message = "fuzz", StimulusId = "fuzz" })));
            case 7:
                return ("MissingData naming a live worker", await FrameAsync(new Message(new MissingData { Key = key, ErrantWorker = context.WorkerAddress, StimulusId = "fuzz" })));
            case 8:
                return UploadCode(random, index);
            case 9:
                return ("Shutdown", await FrameAsync(new Message(new Shutdown { Reason = "fuzz" })));
            case 10:
                return ("Close", await FrameAsync(new Message(new Close { Reason = "fuzz" })));
            case 11:
                return ("StealResponse", await FrameAsync(new Message(new StealResponse { Key = key, Released = true, State = "ready", StimulusId = "fuzz" })));
            case 12:
                return ("Header without a message", Frame(Header(requestId, (ref MessagePackWriter w) => w.WriteNil())));
            case 13:
                return ("UpdateGraph without its graph frame", await FrameAsync(new Message(new UpdateGraph { Client = $"fuzz-{index}", StimulusId = "fuzz" })));
            default:
                return ("Unknown message type", UnknownKind(random));
        }
    }

    /// <summary>Messages a peer could send a worker's listener after a good handshake.</summary>
    private static async Task<(string, byte[])> PeerMessageAsync(Random random, FuzzContext context, int index)
    {
        var keys = context.PersistedKeys.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
        var requestId = (ulong)random.Next(0, 1000);
        switch (random.Next(9))
        {
            case 0:
            case 1:
            case 2:
                if (random.Next(2) == 0)
                {
                    keys.Add(new Key($"fuzz-missing-{index}", index));
                }

                return ("GetDataRequest of persisted keys",
                    await FrameAsync(new Message(new GetDataRequest { Keys = [.. keys], Requester = $"fuzz-{index}" }) { RequestId = requestId }));
            case 3:
                return ("ReleaseKeys of persisted keys", await FrameAsync(new Message(new ReleaseKeys { Keys = [.. keys], StimulusId = "fuzz" })));
            case 4:
                var run = new RunSpecCodec().Encode(T(Const, L(1L)));
                return ("ComputeTask",
                    await FrameAsync(new Message(new ComputeTask { Key = new Key($"fuzz-task-{index}"), Op = Const, Run = run.Head, StimulusId = "fuzz" }, run.Frames)));
            case 5:
                var builder = new MessageBuilder();
                var value = builder.AddValue(Enumerable.Range(0, 1000).Select(v => (double)v).ToArray());
                return ("GetDataResponse overwriting a persisted key",
                    await FrameAsync(builder.Build(new GetDataResponse { Data = [new KeyValue { Key = keys[0], Value = value }] }, requestId)));
            case 6:
                return ("Shutdown", await FrameAsync(new Message(new Shutdown { Reason = "fuzz" })));
            case 7:
                return ("Close", await FrameAsync(new Message(new Close { Reason = "fuzz" })));
            default:
                return ("Unknown message type", UnknownKind(random));
        }
    }

    /// <summary>One of the ways a frame can go wrong; about one in fourteen stays valid.</summary>
    private static (string, byte[]) Mutate(byte[] frame, Random random)
    {
        var bytes = (byte[])frame.Clone();
        switch (random.Next(14))
        {
            case 0:
                var flips = random.Next(1, 5);
                for (var n = flips; n > 0; n--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
                }

                return ($"{flips} byte(s) flipped", bytes);
            case 1:
                var cut = random.Next(bytes.Length);
                return ($"truncated to {cut} bytes", bytes[..cut]);
            case 2:
                var at = random.Next(Math.Min(bytes.Length, 64));
                bytes[at] = (byte)random.Next(256);
                return ($"byte {at} overwritten", bytes);
            case 3:
                var inserted = new byte[random.Next(1, 32)];
                random.NextBytes(inserted);
                var position = random.Next(bytes.Length);
                return ($"{inserted.Length} bytes inserted at {position}", [.. bytes[..position], .. inserted, .. bytes[position..]]);
            case 4:
                var field = random.Next(4) * 4;
                return WithPrefix(bytes, field, $"prefix bytes {field}..{field + 3} randomized", span => BinaryPrimitives.WriteInt32LittleEndian(span, random.Next()));
            case 5:
                ulong[] totals = [ulong.MaxValue, long.MaxValue, 1UL << 32, (256UL * 1024 * 1024) + 1, (ulong)random.NextInt64(1, 256L * 1024 * 1024)];
                var total = totals[random.Next(totals.Length)];
                return WithPrefix(bytes, 0, $"total length {total}", span => BinaryPrimitives.WriteUInt64LittleEndian(span, total));
            case 6:
                uint[] headers = [uint.MaxValue, (1024 * 1024) + 1, (uint)random.Next(1, 1024 * 1024)];
                var header = headers[random.Next(headers.Length)];
                return WithPrefix(bytes, 8, $"header length {header}", span => BinaryPrimitives.WriteUInt32LittleEndian(span, header));
            case 7:
                uint[] counts = [uint.MaxValue, 1025, (uint)random.Next(1, 1024)];
                var count = counts[random.Next(counts.Length)];
                return WithPrefix(bytes, 12, $"payload frame count {count}", span => BinaryPrimitives.WriteUInt32LittleEndian(span, count));
            case 8:
                var garbage = new byte[random.Next(1, 512)];
                random.NextBytes(garbage);
                return ($"{garbage.Length} garbage bytes appended", [.. bytes, .. garbage]);
            case 9:
                var second = (byte[])frame.Clone();
                second[random.Next(second.Length)] ^= (byte)random.Next(1, 256);
                return ("sent twice, the second copy flipped", [.. bytes, .. second]);
            case 10:
                return ("header replaced by random MessagePack", RandomHeader(random));
            case 11:
                return ("header replaced by an unknown message type", UnknownKind(random));
            case 12:
                return ("oversized payload frame claim", OversizedPayloadClaim(random));
            default:
                return ("unchanged", bytes);
        }
    }

    private static (string, byte[]) WithPrefix(byte[] bytes, int offset, string what, PrefixWriter write)
    {
        if (bytes.Length < FrameCodec.PrefixBytes)
        {
            System.Array.Resize(ref bytes, FrameCodec.PrefixBytes);
        }

        write(bytes.AsSpan(offset));
        return (what, bytes);
    }

    private delegate void PrefixWriter(Span<byte> span);

    /// <summary>
    /// Keeps the frame's lengths consistent but fills its header with random bytes after a plausible
    /// start (an array of a request id and a message of a known type), so the MessagePack reader gets them.
    /// </summary>
    private static byte[] RandomHeader(Random random)
    {
        var tail = new byte[random.Next(0, 256)];
        random.NextBytes(tail);
        var type = random.Next(0, WireMessage.LastType + 1);
        return Frame([.. Header((ulong)random.Next(3), (ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(2);
            w.Write(type);
        }), .. tail]);
    }

    /// <summary>A consistent frame whose header claims one payload frame far larger than what follows.</summary>
    private static byte[] OversizedPayloadClaim(Random random)
    {
        var header = Header(0, (ref MessagePackWriter w) => MessagePackSerializer.Serialize<WireMessage>(ref w, new Heartbeat(), WireFormat.Options));
        var length = (ulong)random.NextInt64(1, 64L * 1024 * 1024) & ~7UL;
        var frame = new byte[FrameCodec.PrefixBytes + header.Length + FrameCodec.FramePrefixBytes + 64];
        BinaryPrimitives.WriteUInt64LittleEndian(frame, 8 + (ulong)header.Length + FrameCodec.FramePrefixBytes + length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(8), (uint)header.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(12), 1);
        header.CopyTo(frame, FrameCodec.PrefixBytes);
        var at = FrameCodec.PrefixBytes + header.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(at), (uint)PayloadElementType.Double);
        BinaryPrimitives.WriteUInt64LittleEndian(frame.AsSpan(at + 4), length);
        random.NextBytes(frame.AsSpan(at + FrameCodec.FramePrefixBytes));
        return frame;
    }

    /// <summary>A frame whose header holds a message type this protocol does not define, with a random body.</summary>
    private static byte[] UnknownKind(Random random)
    {
        var body = new byte[random.Next(0, 40)];
        random.NextBytes(body);
        var type = random.Next(WireMessage.LastType + 1, 100_000);
        return Frame(Header((ulong)random.Next(3), (ref MessagePackWriter w) =>
        {
            w.WriteArrayHeader(2);
            w.Write(type);
            w.Write(body);
        }));
    }

    /// <summary>A frame header, <c>[request id, message]</c>, with the message written by <paramref name="message"/>.</summary>
    private static byte[] Header(ulong requestId, MessageWriter message)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(output);
        writer.WriteArrayHeader(2);
        writer.Write(requestId);
        message(ref writer);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    private delegate void MessageWriter(ref MessagePackWriter writer);

    /// <summary>Code a client could upload: good, lying about its hash, or named to escape the worker's directory.</summary>
    private static (string, byte[]) UploadCode(Random random, int index)
    {
        var bytes = new byte[random.Next(1, 2048)];
        random.NextBytes(bytes);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var (what, name, claimed) = random.Next(3) switch
        {
            0 => ("UploadCode of a file", $"fuzz-{index}.bin", hash),
            1 => ("UploadCode with a wrong hash", $"fuzz-{index}.bin", new string('0', 64)),
            _ => ("UploadCode named outside its directory", $"../fuzz-{index}.dll", hash),
        };
        var message = new Message(new UploadCode { Owner = "ignored", Files = [new CodeFile { Name = name, Sha256 = claimed, Frame = 0, IsAssembly = false }] }, [new PayloadSegment(bytes)]);
        return (what, FrameAsync(message).GetAwaiter().GetResult());
    }

    private static byte[] Frame(byte[] header)
    {
        var frame = new byte[FrameCodec.PrefixBytes + header.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(frame, 8 + (ulong)header.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(8), (uint)header.Length);
        header.CopyTo(frame, FrameCodec.PrefixBytes);
        return frame;
    }

    private static Message Hello(string token, PeerRole role, uint version) =>
        new(new Handshake { Version = version, Token = token, Role = role, Name = "fuzz" });

    /// <summary>
    /// A small graph submitted as <paramref name="client"/>: a valid chain of its own keys, or one a
    /// client should not send (an unknown op, a cycle, a missing dependency, a wanted key it does not
    /// bring, a new definition of a persisted key).
    /// </summary>
    private static (string Shape, Message Graph) FuzzGraph(string client, Random random, FuzzContext context)
    {
        var name = $"fuzz-chain-{random.Next()}";
        Key Own(int i) => new(name, i);
        var persisted = context.PersistedKeys[random.Next(context.PersistedKeys.Count)];
        var tasks = new Dictionary<Key, DaskTask>
        {
            [Own(0)] = T(Const, L((long)random.Next(100))),
            [Own(1)] = T(Inc, Own(0)),
            [Own(2)] = T(Add, Own(1), L(1L)),
            [Own(3)] = T(Const, L(Enumerable.Range(0, 600).Select(v => (double)v).ToArray())),
        };
        List<Key> wanted = [Own(2), Own(3)];
        string shape;
        switch (random.Next(7))
        {
            case 0:
                shape = "unknown op";
                tasks[Own(4)] = T("fuzz.no-such-op", Own(2));
                wanted.Add(Own(4));
                break;
            case 1:
                shape = "cycle";
                tasks[Own(5)] = T(Inc, Own(6));
                tasks[Own(6)] = T(Inc, Own(5));
                wanted.Add(Own(5));
                break;
            case 2:
                shape = "task depending on itself";
                tasks[Own(7)] = T(Inc, Own(7));
                wanted.Add(Own(7));
                break;
            case 3:
                shape = "dependency neither sent nor known";
                tasks[Own(8)] = T(Inc, new Key($"fuzz-absent-{random.Next()}", 0));
                wanted.Add(Own(8));
                break;
            case 4:
                shape = "wants a key it does not bring";
                wanted.Add(new Key($"fuzz-absent-{random.Next()}", 1));
                break;
            case 5:
                shape = "redefines a persisted key and uses it";
                tasks[persisted] = T(Const, L(Enumerable.Repeat(-1.0, 10).ToArray()));
                tasks[Own(9)] = T(Const, persisted);
                wanted.AddRange([persisted, Own(9)]);
                break;
            default:
                shape = "chain";
                break;
        }

        return (shape, TaskSpecs.UpdateGraphMessage(tasks, wanted, client));
    }

    private static async Task<byte[]> FrameAsync(Message message)
    {
        using var stream = new MemoryStream();
        await FrameCodec.WriteAsync(stream, message, FrameLimits.Default);
        return stream.ToArray();
    }
}

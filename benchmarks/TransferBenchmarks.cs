using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using MiniDask.Array.Serialization;
using MiniDask.Kernels;
using MiniDask.Protocol;
using MiniDask.Protocol.Messages;

namespace MiniDask.Benchmarks;

/// <summary>
/// A block transfer between two workers on loopback, the way a worker fetches a dependency from a
/// peer: a GetDataRequest over TCP, answered by a GetDataResponse whose payload frame is the block's
/// own buffer, read on the other side straight into a new block. Throughput is the block's size
/// divided by the time per operation (a 1000×1000 float64 block is 8 MB; 4096×2048 is 64 MiB).
/// Run: <c>dotnet run -c Release --project benchmarks -- --filter '*TransferBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class TransferBenchmarks
{
    private Listener? listener;
    private Comm? requester;
    private Comm? server;
    private Task? serving;
    private NDArray<double> block = new([1]);

    /// <summary>The block's rows (its columns are fixed per size below).</summary>
    [Params(1000, 4096)]
    public int Rows { get; set; }

    /// <summary>Starts a listener that answers every request with the block, and connects to it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        NDArrayCodec.Register();
        var columns = Rows == 1000 ? 1000 : 2048;
        block = new NDArray<double>([Rows, columns]);
        block.Data.AsSpan().Fill(1.5);
        listener = Listener.ListenAsync("tcp://127.0.0.1:0", new CommOptions { Role = PeerRole.Worker }).GetAwaiter().GetResult();
        var accepting = listener.AcceptAsync().AsTask();
        requester = Comm.ConnectAsync(listener.Address, new CommOptions { Role = PeerRole.Worker }).GetAwaiter().GetResult();
        server = accepting.GetAwaiter().GetResult();
        serving = Task.Run(ServeAsync);
    }

    /// <summary>Closes both ends.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        requester?.CloseAsync().AsTask().GetAwaiter().GetResult();
        server?.CloseAsync().AsTask().GetAwaiter().GetResult();
        listener?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        serving?.ContinueWith(_ => { }, TaskScheduler.Default).GetAwaiter().GetResult();
    }

    /// <summary>One fetch of the block: request, response, the block rebuilt on the requester's side.</summary>
    [Benchmark]
    public object Fetch()
    {
        requester!.SendAsync(new Message(new GetDataRequest { Keys = [new Graph.Key("block", 0, 0)], Requester = "bench" })).AsTask().GetAwaiter().GetResult();
        var reply = requester.ReceiveAsync().AsTask().GetAwaiter().GetResult();
        return reply.ReadValue(((GetDataResponse)reply.Body).Data[0].Value)!;
    }

    private async Task ServeAsync()
    {
        try
        {
            while (true)
            {
                var request = await server!.ReceiveAsync().ConfigureAwait(false);
                var builder = new MessageBuilder();
                var data = new KeyValue { Key = new Graph.Key("block", 0, 0), Value = builder.AddValue(block) };
                await server.SendAsync(builder.Build(new GetDataResponse { Data = [data] }, request.RequestId)).ConfigureAwait(false);
            }
        }
        catch (CommClosedException)
        {
            // The benchmark is over.
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Throughput)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithId("short"));
    }
}

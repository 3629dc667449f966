using MiniDask.Graph;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Protocol;

/// <summary>
/// Comms to workers for fetching their data (worker to worker, client to worker), one per peer, reused across transfers. A request holds its peer's comm
/// until the answer arrives; a comm that fails is dropped and made afresh next time.
/// </summary>
public sealed class PeerPool : IAsyncDisposable
{
    private readonly CommOptions options;
    private readonly TimeSpan requestTimeout;
    private readonly Dictionary<string, PeerComm> peers = new(StringComparer.Ordinal);
    private long requestIds;

    /// <summary>
    /// A pool connecting with <paramref name="options"/>. A request (connect, send and answer)
    /// that takes longer than <paramref name="requestTimeout"/> (default
    /// <see cref="DefaultRequestTimeout"/>) fails as unreachable: a peer whose link is cut
    /// silently never answers, and the caller must fall back to another holder.
    /// </summary>
    public PeerPool(CommOptions options, TimeSpan? requestTimeout = null)
    {
        this.options = options;
        this.requestTimeout = requestTimeout ?? DefaultRequestTimeout;
    }

    /// <summary>How long one request may take by default.</summary>
    public static TimeSpan DefaultRequestTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Keys asked for in one request, so that each answer stays well under the frame limits.</summary>
    public const int KeysPerRequest = 128;

    /// <summary>Asks <paramref name="peer"/> for the values of <paramref name="keys"/>; absent keys are left out.</summary>
    /// <exception cref="IOException">The peer could not be reached, broke off, did not answer in time, or answered with something else.</exception>
    /// <exception cref="NotSupportedException">The peer holds a value that has no codec; the message names the key.</exception>
    public async Task<Dictionary<Key, object?>> GetDataAsync(string peer, IReadOnlyList<Key> keys, string requester, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var values = new Dictionary<Key, object?>();
        foreach (var chunk in keys.Chunk(KeysPerRequest))
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(requestTimeout);
            Dictionary<Key, object?> answer;
            try
            {
                answer = await RequestAsync(peer, chunk, requester, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new IOException($"Peer {peer} did not answer a request for {chunk.Length} key(s) within {requestTimeout.TotalSeconds:0.#} s.");
            }

            foreach (var (key, value) in answer)
            {
                values[key] = value;
            }
        }

        return values;
    }

    private async Task<Dictionary<Key, object?>> RequestAsync(string peer, Key[] keys, string requester, CancellationToken cancellationToken)
    {
        PeerComm entry;
        lock (peers)
        {
            if (!peers.TryGetValue(peer, out entry!))
            {
                peers[peer] = entry = new PeerComm();
            }
        }

        await entry.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            entry.Comm ??= await Comm.ConnectAsync(peer, options, cancellationToken).ConfigureAwait(false);
            var request = new Wire.GetDataRequest { Keys = keys, Requester = requester };
            var id = (ulong)Interlocked.Increment(ref requestIds);
            await entry.Comm.SendAsync(new Message(request) { RequestId = id }, cancellationToken).ConfigureAwait(false);
            var reply = await entry.Comm.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (reply.Body is Wire.ErrorReply error && reply.RequestId == id)
            {
                throw new NotSupportedException(error.Message);
            }

            if (reply.Body is not Wire.GetDataResponse response || reply.RequestId != id)
            {
                throw new ProtocolException($"Peer {peer} answered a GetDataRequest with {reply.Body} (request {reply.RequestId}, expected {id}).");
            }

            var values = new Dictionary<Key, object?>();
            foreach (var item in response.Data)
            {
                values[item.Key] = reply.ReadValue(item.Value);
            }

            return values;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            if (entry.Comm is { } broken)
            {
                entry.Comm = null;
                await broken.CloseAsync().ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            entry.Lock.Release();
        }
    }

    /// <summary>Closes every comm.</summary>
    public async ValueTask DisposeAsync()
    {
        List<PeerComm> all;
        lock (peers)
        {
            all = [.. peers.Values];
            peers.Clear();
        }

        foreach (var entry in all)
        {
            if (entry.Comm is { } comm)
            {
                await comm.CloseAsync().ConfigureAwait(false);
            }
        }
    }

    private sealed class PeerComm
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        public Comm? Comm { get; set; }
    }
}

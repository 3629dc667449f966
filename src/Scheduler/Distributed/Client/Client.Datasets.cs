using MiniDask.Graph;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Named datasets (Dask's <c>publish_dataset</c>): futures published under a name stay on the
/// cluster, held by the scheduler, until unpublished, and any client connected to the same
/// scheduler can get them by that name.
/// </summary>
public sealed partial class Client
{
    /// <summary>Publishes <paramref name="futures"/> under <paramref name="name"/>; the scheduler holds their results until <see cref="UnpublishDatasetAsync"/>.</summary>
    /// <exception cref="InvalidOperationException">A dataset of that name exists and <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="KeyNotFoundException">A future was already released from the cluster; the message names it.</exception>
    public async Task PublishDatasetAsync(string name, IEnumerable<Future> futures, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(futures);
        var keys = futures.Select(f => f.Key).ToArray();
        await RequestAsync<Wire.DatasetReply>(new Wire.PublishDataset { Name = name, Keys = keys, Override = overwrite }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>New futures of the dataset published under <paramref name="name"/>, in the order published; this client holds them until they are released.</summary>
    /// <exception cref="KeyNotFoundException">No dataset has that name; the message lists those that exist.</exception>
    public async Task<IReadOnlyList<Future>> GetDatasetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var reply = await RequestAsync<Wire.DatasetReply>(new Wire.DatasetRequest { Kind = Wire.DatasetRequestKind.Get, Name = name }, cancellationToken).ConfigureAwait(false);
        var futures = await FuturesOfHeldKeysAsync<object?>(reply.Keys, clientId => GraphMessages.Build([], reply.Keys, clientId, reportProgress: false, maxFrames)[0]).ConfigureAwait(false);
        var byKey = futures.ToDictionary(f => f.Key);
        return [.. reply.Keys.Select(k => (Future)byKey[k])];
    }

    /// <summary>The names of the published datasets, sorted.</summary>
    public async Task<IReadOnlyList<string>> ListDatasetsAsync(CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync<Wire.DatasetReply>(new Wire.DatasetRequest { Kind = Wire.DatasetRequestKind.List, Name = "*" }, cancellationToken).ConfigureAwait(false);
        return reply.Names;
    }

    /// <summary>Forgets the dataset <paramref name="name"/>: its results stay only while some client's futures hold them.</summary>
    /// <exception cref="KeyNotFoundException">No dataset has that name.</exception>
    public async Task UnpublishDatasetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        await RequestAsync<Wire.DatasetReply>(new Wire.DatasetRequest { Kind = Wire.DatasetRequestKind.Unpublish, Name = name }, cancellationToken).ConfigureAwait(false);
    }
}

using MiniDask.Graph;
using MiniDask.Protocol;
using Wire = MiniDask.Protocol.Messages;

namespace MiniDask.Scheduler.Distributed;

/// <summary>
/// Client requests beyond graphs: scattered data, fire-and-forget keys, questions about workers
/// and data, and named datasets. A dataset's keys are wanted by a client of the scheduler's own
/// (<c>dataset:NAME</c>), so they stay in memory until the dataset is unpublished.
/// </summary>
public sealed partial class SchedulerServer
{
    private const string DatasetClientPrefix = "dataset:";
    private readonly SortedDictionary<string, Key[]> datasets = new(StringComparer.Ordinal);

    /// <summary>Handles a futures or dataset message; false when <paramref name="message"/> is none of them.</summary>
    private bool HandleFutures(ServerConnection connection, Message message)
    {
        switch (message.Body)
        {
            case Wire.UpdateData update:
                UpdateData(connection, update);
                return true;
            case Wire.FireAndForget fire:
                lock (gate)
                {
                    Dispatch(state.HandleStimulus(new FireAndForgetKeys(fire.Keys)), requestId: 0);
                }

                return true;
            case Wire.ClusterQuery query:
                connection.Post(new Message(Answer(query)) { RequestId = message.RequestId });
                return true;
            case Wire.PublishDataset publish:
                connection.Post(new Message(Publish(publish)) { RequestId = message.RequestId });
                return true;
            case Wire.DatasetRequest request:
                connection.Post(new Message(Dataset(request)) { RequestId = message.RequestId });
                return true;
            default:
                return false;
        }
    }

    private void UpdateData(ServerConnection connection, Wire.UpdateData update)
    {
        var data = update.Data.ToDictionary(d => d.Key, d => new ScatteredValue(d.Workers, d.NBytes));
        lock (gate)
        {
            if (clients.TryGetValue(update.Client, out var owner) && owner != connection)
            {
                throw new ProtocolException($"Client id '{update.Client}' is already in use by another connection.");
            }

            clients[update.Client] = connection;
            connection.ClientIds.Add(update.Client);
            Dispatch(state.HandleStimulus(new ScatteredData(update.Client, data)), requestId: 0);
        }
    }

    private Wire.ClusterReply Answer(Wire.ClusterQuery query)
    {
        lock (gate)
        {
            var summaries = state.Workers.Values
                .OrderBy(w => w.Address, StringComparer.Ordinal)
                .Select(w => new Wire.WorkerSummary
                {
                    Address = w.Address,
                    Name = workerInfo.TryGetValue(w.Address, out var info) ? info.Name : w.Name,
                    Threads = w.NThreads,
                    MemoryLimit = w.MemoryLimit,
                    Resources = new Dictionary<string, double>(w.Resources, StringComparer.Ordinal),
                    Keys = query.Kind == Wire.ClusterQueryKind.HasWhat ? [.. w.HasWhat.Select(t => t.Key).Order()] : [],
                    Processing = w.Processing.Count,
                    NBytes = w.NBytes,
                })
                .ToArray();
            var keys = query.Kind != Wire.ClusterQueryKind.WhoHas ? []
                : query.Keys.Length > 0 ? query.Keys
                : [.. state.Tasks.Values.Where(t => t.State == SchedulerTaskState.Memory).Select(t => t.Key).Order()];
            var whoHas = keys.Select(k => new Wire.DependencyLocation
            {
                Key = k,
                Workers = state.Tasks.TryGetValue(k, out var ts) ? [.. ts.WhoHas.Select(w => w.Address).Order(StringComparer.Ordinal)] : [],
                NBytes = ts?.NBytes ?? 0,
            });
            return new Wire.ClusterReply
            {
                Address = Address,
                Workers = summaries,
                WhoHas = [.. whoHas],
                Tasks = state.Tasks.Count,
                Clients = state.Clients.Count,
            };
        }
    }

    private Wire.WireMessage Publish(Wire.PublishDataset publish)
    {
        lock (gate)
        {
            if (datasets.ContainsKey(publish.Name) && !publish.Override)
            {
                return Refusal($"A dataset named '{publish.Name}' is already published; unpublish it first or publish with overwrite.", typeof(InvalidOperationException));
            }

            var unknown = publish.Keys.Where(k => !state.Tasks.ContainsKey(k)).ToList();
            if (unknown.Count > 0)
            {
                return Refusal($"Dataset '{publish.Name}' names {string.Join(", ", unknown.Take(5))}, which the scheduler does not hold; publish futures that are still alive.");
            }

            // The new keys are wanted before the old ones are let go, so keys in both stay in memory.
            var client = DatasetClientPrefix + publish.Name;
            Dispatch(state.HandleStimulus(new UpdateGraph(client, new Dictionary<Key, TaskSpec>(), publish.Keys, new Dictionary<Key, int>())), requestId: 0);
            if (datasets.TryGetValue(publish.Name, out var old))
            {
                Dispatch(state.HandleStimulus(new ClientReleasesKeys(client, [.. old.Except(publish.Keys)])), requestId: 0);
            }

            datasets[publish.Name] = publish.Keys;
            return new Wire.DatasetReply { Keys = publish.Keys };
        }
    }

    private Wire.WireMessage Dataset(Wire.DatasetRequest request)
    {
        lock (gate)
        {
            switch (request.Kind)
            {
                case Wire.DatasetRequestKind.List:
                    return new Wire.DatasetReply { Names = [.. datasets.Keys] };
                case Wire.DatasetRequestKind.Get when datasets.TryGetValue(request.Name, out var keys):
                    return new Wire.DatasetReply { Keys = keys };
                case Wire.DatasetRequestKind.Unpublish when datasets.Remove(request.Name, out var keys):
                    Dispatch(state.HandleStimulus(new ClientDisconnected(DatasetClientPrefix + request.Name)), requestId: 0);
                    return new Wire.DatasetReply { Keys = keys };
                default:
                    return Refusal($"No dataset named '{request.Name}' is published; published: {(datasets.Count == 0 ? "none" : string.Join(", ", datasets.Keys))}.");
            }
        }
    }

    private static Wire.ErrorReply Refusal(string message, Type? type = null) =>
        new() { ExceptionType = (type ?? typeof(KeyNotFoundException)).FullName!, Message = message };
}

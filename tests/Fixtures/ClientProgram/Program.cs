using ClientProgram;
using MiniDask.Array;
using MiniDask.Bag;
using MiniDask.Graph;
using MiniDask.Graph.Persistence;
using MiniDask.Protocol;
using MiniDask.Scheduler;
using MiniDask.Scheduler.Distributed;

// Usage: ClientProgram SCHEDULER-ADDRESS [CERT KEY CA] (the token from MINIDASK_TOKEN; the PEM files
// for a tls:// address). Prints one line per check, "ok NAME" or "FAIL NAME: why", and exits with
// the number of failed checks.
var address = args.Length is 1 or 4 ? args[0] : throw new ArgumentException("Usage: ClientProgram tcp://HOST:PORT | tls://HOST:PORT CERT KEY CA");
var options = new ClientOptions
{
    Comm = ClusterComm.Options(
        MiniDask.Protocol.Messages.PeerRole.Client, "client-program", Environment.GetEnvironmentVariable(ClusterComm.TokenVariable),
        args.Length == 4 ? args[1] : null, args.Length == 4 ? args[2] : null, args.Length == 4 ? args[3] : null),
};
await using var client = await Client.ConnectAsync(address, options);
var local = new LocalScheduler(threads: 2);
var failures = 0;

void Check(string name, Func<string?> run)
{
    string? problem;
    try
    {
        problem = run();
    }
    catch (Exception e)
    {
        problem = $"{e.GetType().Name}: {e.Message}";
    }

    Console.WriteLine(problem is null ? $"ok {name}" : $"FAIL {name}: {problem}");
    failures += problem is null ? 0 : 1;
}

string? Same<T>(T expected, T actual) => EqualityComparer<T>.Default.Equals(expected, actual) ? null : $"expected {expected}, got {actual}";

var data = new double[120, 80];
for (var i = 0; i < 120; i++)
{
    for (var j = 0; j < 80; j++)
    {
        data[i, j] = (i * 80) + j;
    }
}

var x = DArray.FromArray(data, [50, 30]);
Check("from-array-sum", () => Same(9600.0 * 9599 / 2, x.Sum().Compute(client)));
Check("from-array-expression", () => Same(((x * 2.0) - x.T.T).Sum().Compute(local), ((x * 2.0) - x.T.T).Sum().Compute(client)));

var persisted = x.Persist(client);
Check("persist-keeps-blocks-on-workers", () => persisted.Graph.Values.All(t => t.Op == FutureTasks.Op) ? null : "the persisted array holds blocks in its graph");
Check("persist-then-sum", () => Same(x.Sum().Compute(local), persisted.Sum().Compute(client)));
Check("persist-then-max-of-row-means", () => Same(x.Mean(axis: 1).Max().Compute(local), persisted.Mean(axis: 1).Max().Compute(client)));
await persisted.ReleaseAsync();

var sales = Enumerable.Range(0, 400).Select(i => new Sale(Regions.All[i % Regions.All.Length], i % 7, new Tag($"t{i % 3}"))).ToList();
var bag = DBag.FromSequence(sales, npartitions: 4);
Check("bag-of-records-frequencies", () =>
{
    var expected = sales.GroupBy(s => s).ToDictionary(g => g.Key, g => (long)g.Count());
    var actual = bag.Frequencies().Compute(client).ToDictionary(p => p.Item, p => p.Count);
    return expected.Count == actual.Count && expected.All(kv => actual.GetValueOrDefault(kv.Key) == kv.Value) ? null : $"{actual.Count} distinct records, {expected.Count} expected";
});
Check("bag-of-records-groupby", () =>
{
    var groups = bag.GroupBy(s => s.Region).Compute(client).ToDictionary(g => g.Key, g => g.Items.Sum(s => s.Units));
    var expected = sales.GroupBy(s => s.Region).ToDictionary(g => g.Key, g => g.Sum(s => s.Units));
    return expected.All(kv => groups.GetValueOrDefault(kv.Key) == kv.Value) && groups.Count == expected.Count ? null : string.Join(", ", groups);
});
Check("records-made-on-workers-gathered", () =>
{
    var made = DBag.Range(20, 3).Select(Factory.Make).Compute(client);
    return made.SequenceEqual(Enumerable.Range(0, 20).Select(Factory.Make)) ? null : $"got {string.Join(", ", made.Take(3))} ...";
});

Check("submit-static-method-with-record-argument-and-result", () =>
{
    var future = client.Submit(Factory.Restock, sales[5], 10);
    return Same(sales[5] with { Units = sales[5].Units + 10 }, future.Result(TimeSpan.FromMinutes(1)) as Sale);
});
Check("submit-lambda-chained-on-a-future", () =>
{
    var first = client.Submit(Factory.Make, 3);
    var second = client.Submit((Sale s) => s.Tag with { Name = s.Tag.Name + "!" }, first);
    return Same(new Tag("t0!"), second.Result(TimeSpan.FromMinutes(1)) as Tag);
});
Check("map-lambda-over-records", () =>
{
    var futures = client.MapAsync((Sale s) => new Summary(s.Region, s.Units * 2), sales.Take(12).Cast<object?>()).GetAwaiter().GetResult();
    var values = client.GatherAsync(futures).GetAwaiter().GetResult().Cast<Summary>();
    return values.SequenceEqual(sales.Take(12).Select(s => new Summary(s.Region, s.Units * 2))) ? null : "map results differ";
});
Check("map-static-method-over-records", () =>
{
    var futures = client.MapAsync(Factory.UnitsOf, sales.Skip(3).Take(12).Cast<object?>()).GetAwaiter().GetResult();
    var units = client.GatherAsync(futures).GetAwaiter().GetResult().Cast<int>();
    return units.SequenceEqual(sales.Skip(3).Take(12).Select(s => s.Units)) ? null : $"got {string.Join(", ", units)}";
});
Check("unserializable-record-refused-before-sending", () =>
{
    try
    {
        DBag.Range(3, 1).Select(Factory.Handle).Count().Compute(client);
        return "the bag of records holding a handle was sent";
    }
    catch (UnserializableTypeException e) when (e.Message.Contains(nameof(WithHandle), StringComparison.Ordinal) && e.Message.Contains(nameof(WithHandle.Handle), StringComparison.Ordinal))
    {
        return null;
    }
});
Check("unserializable-argument-refused-before-sending", () =>
{
    // A client that has sent no code yet: the refusal comes before the upload of this program's assembly too.
    var traffic = new CommTraffic();
    var fresh = Client.ConnectAsync(address, options with { Comm = options.Comm with { Traffic = traffic } }).GetAwaiter().GetResult();
    try
    {
        var before = traffic.MessagesSent;
        try
        {
            fresh.Submit(Factory.IdOf, new WithHandle(1, IntPtr.Zero));
            return "a future with a handle in its argument was sent";
        }
        catch (NotSupportedException e) when (e.Message.Contains(nameof(WithHandle), StringComparison.Ordinal) && e.Message.Contains($"{nameof(WithHandle)}.{nameof(WithHandle.Handle)}", StringComparison.Ordinal))
        {
            if (traffic.MessagesSent != before)
            {
                return $"{traffic.MessagesSent - before} messages were sent before the refusal";
            }
        }

        // The same client then sends a good one, so the counter is seen to count.
        var units = fresh.Submit(Factory.UnitsOf, sales[5]).Result(TimeSpan.FromMinutes(1));
        return traffic.MessagesSent > before ? Same<object?>(sales[5].Units, units) : "the client's traffic counter counted nothing";
    }
    finally
    {
        fresh.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
});

return failures;

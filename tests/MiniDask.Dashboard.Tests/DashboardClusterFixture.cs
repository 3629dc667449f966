using System.Net.Http.Json;
using System.Text.Json;
using MiniDask.Scheduler.Distributed;
using MiniDask.Testing;

namespace MiniDask.Dashboard.Tests;

/// <summary>
/// A local cluster (2 worker processes × 2 threads, this assembly's ops preloaded) serving its dashboard on a
/// free port of 127.0.0.1, with a client, and an HTTP client that presents the cluster's token.
/// </summary>
public sealed class DashboardClusterFixture : LocalClusterFixture
{
    private HttpClient? http;

    /// <summary>The dashboard's base address, such as <c>http://127.0.0.1:40123</c>.</summary>
    public string BaseAddress => Cluster.DashboardLink!.Split("/status")[0];

    /// <summary>The cluster's token.</summary>
    public string Token => Cluster.ClientComm.Token!;

    /// <summary>An HTTP client of the dashboard that sends the token as a header.</summary>
    public HttpClient Http => http ??= new HttpClient { BaseAddress = new Uri(BaseAddress), DefaultRequestHeaders = { { "X-MiniDask-Token", Token } } };

    /// <inheritdoc />
    protected override int ThreadsPerWorker => 2;

    /// <summary>GETs <paramref name="path"/> and reads its JSON.</summary>
    public async Task<JsonElement> GetJsonAsync(string path) =>
        await Http.GetFromJsonAsync<JsonElement>(path);

    /// <inheritdoc />
    protected override LocalClusterOptions Options() => new() { DashboardAddress = "127.0.0.1:0" };
}

using Microsoft.Extensions.Logging;

namespace MiniDask.Protocol;

/// <summary>
/// Which connections a listener lets in while they negotiate TLS and the handshake: at most
/// <see cref="MaxPending"/> unauthenticated connections at once (past it the oldest is shed,
/// so an idle flood cannot hold every file descriptor), and at most
/// <see cref="CommOptions.MaxConnectionsPerHost"/> connections, pending or established, from
/// one remote host. Shedding is logged once per burst.
/// </summary>
internal sealed class AdmissionControl
{
    private readonly object gate = new();
    private readonly LinkedList<Admission> pending = new();
    private readonly Dictionary<string, int> perHost = new(StringComparer.Ordinal);
    private readonly CommOptions options;
    private readonly string address;
    private int shedInBurst;
    private long lastShed;

    public AdmissionControl(CommOptions options, string address)
    {
        this.options = options;
        this.address = address;
        MaxPending = EffectiveMaxPending(options.MaxPendingConnections, FileDescriptorLimit.Soft(), FileDescriptorLimit.Open() ?? 0);
    }

    /// <summary>
    /// The cap on unauthenticated connections: the configured one, lowered to a quarter of the
    /// descriptors the process has free when the listener starts, less <see cref="DescriptorReserve"/>,
    /// so that a flood never takes the descriptors the process needs for its own work (spill files,
    /// peer connections, established comms) and the runtime needs as it goes (each assembly loaded
    /// later holds descriptors, and so does new JIT-compiled code under W^X: a runtime refused one
    /// there fails the whole process with "Out of memory.").
    /// </summary>
    public int MaxPending { get; }

    /// <summary>How many connections are waiting for their handshake now.</summary>
    public int Pending
    {
        get
        {
            lock (gate)
            {
                return pending.Count;
            }
        }
    }

    /// <summary>Descriptors kept out of the flood's reach for what the process opens later (assemblies loaded on first use, such as a dashboard's).</summary>
    public const int DescriptorReserve = 128;

    /// <summary>
    /// The cap for a configured <paramref name="configured"/> under a descriptor limit
    /// <paramref name="descriptorLimit"/> (null: unknown) with <paramref name="open"/> descriptors in use.
    /// </summary>
    public static int EffectiveMaxPending(int configured, long? descriptorLimit, int open = 0) =>
        descriptorLimit is { } limit ? (int)Math.Clamp((limit - open - DescriptorReserve) / 4, 1, configured) : configured;

    /// <summary>
    /// Registers a new connection <paramref name="stream"/> from <paramref name="host"/> (null: not
    /// counted per host), whose admission <paramref name="cancel"/> ends when it is shed. Null with
    /// a reason when the host has too many connections already.
    /// </summary>
    public Admission? TryEnter(string? host, Stream stream, CancellationTokenSource cancel, out string? refusal)
    {
        Admission? shed = null;
        Admission admission;
        lock (gate)
        {
            if (host is not null && options.MaxConnectionsPerHost > 0)
            {
                var open = perHost.GetValueOrDefault(host);
                if (open >= options.MaxConnectionsPerHost)
                {
                    refusal = $"{host} already has {open} connections (the limit per host is {options.MaxConnectionsPerHost})";
                    return null;
                }

                perHost[host] = open + 1;
            }

            admission = new Admission(this, host, stream, cancel);
            admission.Node = pending.AddLast(admission);
            if (pending.Count > MaxPending)
            {
                shed = TakeOldest();
            }
        }

        shed?.Shed();
        refusal = null;
        return admission;
    }

    /// <summary>
    /// Sheds the oldest unauthenticated connection, when the listener cannot accept for lack of
    /// file descriptors. False when none is pending.
    /// </summary>
    public bool ShedOldest()
    {
        Admission? shed;
        lock (gate)
        {
            shed = pending.Count > 0 ? TakeOldest() : null;
        }

        shed?.Shed();
        return shed is not null;
    }

    private Admission TakeOldest()
    {
        var oldest = pending.First!.Value;
        pending.RemoveFirst();
        oldest.Node = null;
        lastShed = Environment.TickCount64;
        if (shedInBurst++ == 0)
        {
            Log.SheddingConnections(options.Logger, address, MaxPending);
        }

        return oldest;
    }

    private void Finish(Admission admission, bool established)
    {
        lock (gate)
        {
            if (admission.Node is { } node)
            {
                pending.Remove(node);
                admission.Node = null;
            }

            if (!established)
            {
                ReleaseHost(admission.Host);
            }

            // A burst of shedding ends once the pending connections are back under half the cap
            // and a second went by without shedding.
            if (shedInBurst > 0 && pending.Count <= MaxPending / 2 && Environment.TickCount64 - lastShed >= 1000)
            {
                Log.StoppedShedding(options.Logger, address, shedInBurst);
                shedInBurst = 0;
            }
        }
    }

    private void ReleaseHost(string? host)
    {
        if (host is null || !perHost.TryGetValue(host, out var open))
        {
            return;
        }

        if (open <= 1)
        {
            perHost.Remove(host);
        }
        else
        {
            perHost[host] = open - 1;
        }
    }

    /// <summary>One connection on its way in.</summary>
    internal sealed class Admission(AdmissionControl owner, string? host, Stream stream, CancellationTokenSource cancel)
    {
        private int shed;
        private int closed;

        public string? Host { get; } = host;

        /// <summary>Whether it was closed to make room for newer connections.</summary>
        public bool WasShed => Volatile.Read(ref shed) != 0;

        internal LinkedListNode<Admission>? Node { get; set; }

        /// <summary>The handshake failed, timed out or was shed: the connection no longer counts.</summary>
        public void Failed() => owner.Finish(this, established: false);

        /// <summary>The handshake passed: the connection counts for its host until <see cref="Closed"/>.</summary>
        public void Established() => owner.Finish(this, established: true);

        /// <summary>The established comm closed.</summary>
        public void Closed()
        {
            if (Interlocked.Exchange(ref closed, 1) == 0)
            {
                lock (owner.gate)
                {
                    owner.ReleaseHost(Host);
                }
            }
        }

        internal void Shed()
        {
            Volatile.Write(ref shed, 1);
            try
            {
                cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Its admission already ended.
            }

            // Closed here, not when its admission task next runs: under a flood the accept loop
            // outpaces those tasks, and the descriptor must be free before the next accept.
            try
            {
                stream.Dispose();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // Already closing.
            }
        }
    }
}

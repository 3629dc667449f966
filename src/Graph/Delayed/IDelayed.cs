namespace MiniDask.Graph;

/// <summary>A delayed value of any result type (see <see cref="Delayed{T}"/>).</summary>
public interface IDelayed : IFinalizable
{
    /// <summary>The key whose result is the value.</summary>
    Key Key { get; }

    /// <summary>The type of the value.</summary>
    Type ResultType { get; }

    /// <summary>The futures the graph reads (placeholders under their keys), kept alive as long as this value.</summary>
    IReadOnlyList<IFuture> Futures { get; }
}

namespace ClientProgram;

/// <summary>A sale: a record of this program's own, sent to workers and back as MessagePack.</summary>
public sealed record Sale(string Region, int Units, Tag Tag);

/// <summary>A nested record.</summary>
public sealed record Tag(string Name);

/// <summary>A record made on the workers by a lambda of this program.</summary>
public sealed record Summary(string Region, int Doubled);

/// <summary>A record that cannot cross a process boundary: it holds a handle.</summary>
public sealed record WithHandle(int Id, IntPtr Handle);

/// <summary>The regions sales come from.</summary>
public static class Regions
{
    /// <summary>Every region.</summary>
    public static readonly string[] All = ["north", "south", "east", "west", "centre"];
}

/// <summary>Static methods of this program that run on the workers by name.</summary>
public static class Factory
{
    /// <summary>A sale made from a number.</summary>
    public static Sale Make(int i) => new(Regions.All[i % Regions.All.Length], i, new Tag($"t{i % 3}"));

    /// <summary>The units of a sale.</summary>
    public static int UnitsOf(Sale sale) => sale.Units;

    /// <summary>The sale with <paramref name="units"/> more units.</summary>
    public static Sale Restock(Sale sale, int units) => sale with { Units = sale.Units + units };

    /// <summary>The id of a record that cannot be sent to a worker.</summary>
    public static int IdOf(WithHandle value) => value.Id;

    /// <summary>A record no worker can send back.</summary>
    public static WithHandle Handle(int i) => new(i, IntPtr.Zero);
}

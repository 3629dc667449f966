using System.Reflection;
using System.Text.RegularExpressions;

namespace MiniDask.Docs.Tests;

/// <summary>
/// docs/dask-array-parity.md stays honest: every Dask name it calls present names a public MiniDask
/// member that exists, and the count it states is the count of its lines.
/// </summary>
public partial class ParityListTests
{
    private static readonly Assembly[] Assemblies = [typeof(MiniDask.Array.DArray).Assembly, typeof(MiniDask.Kernels.DTypes).Assembly];

    private static readonly Dictionary<string, string> Operators = new(StringComparer.Ordinal)
    {
        ["%"] = "op_Modulus",
        ["+"] = "op_Addition",
        ["-"] = "op_Subtraction",
        ["*"] = "op_Multiply",
        ["/"] = "op_Division",
    };

    private static IReadOnlyList<(string Dask, string Status, string MiniDask)> Rows { get; } = [.. File.ReadLines(Path.Combine(DocumentationFiles.Root, "docs", "dask-array-parity.md"))
        .Select(line => RowPattern().Match(line))
        .Where(m => m.Success)
        .Select(m => (m.Groups["dask"].Value, m.Groups["status"].Value, m.Groups["minidask"].Value))];

    [Fact]
    public void PresentEntries_NameMembersOfThePublicApi()
    {
        var present = Rows.Where(r => r.Status == "present").ToArray();

        Assert.NotEmpty(present);
        Assert.All(present, row => Assert.True(Exists(row.MiniDask), $"{row.Dask}: {row.MiniDask} is not a public member of MiniDask.Array or MiniDask.Kernels"));
    }

    [Fact]
    public void StatedCount_IsTheCountOfTheLines()
    {
        var text = File.ReadAllText(Path.Combine(DocumentationFiles.Root, "docs", "dask-array-parity.md"));
        var count = CountPattern().Match(text);
        var present = Rows.Count(r => r.Status == "present");
        var partial = Rows.Count(r => r.Status == "partial");

        Assert.True(count.Success, "The parity page states no count.");
        Assert.Equal(Rows.Count, int.Parse(count.Groups["total"].Value));
        Assert.Equal(present, int.Parse(count.Groups["present"].Value));
        Assert.Equal(partial, int.Parse(count.Groups["partial"].Value));
        Assert.Equal(Rows.Count - present - partial, int.Parse(count.Groups["missing"].Value));
        Assert.All(Rows, r => Assert.Contains(r.Status, new[] { "present", "partial", "missing" }));
        Assert.Contains($"{Math.Round(100 * (present + (partial / 2.0)) / Rows.Count)}%", File.ReadAllText(Path.Combine(DocumentationFiles.Root, "README.md")));
    }

    private static bool Exists(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var typeName = (dot < 0 ? name : name[..dot]).Replace("<T>", string.Empty, StringComparison.Ordinal);
        var types = Assemblies.SelectMany(a => a.GetExportedTypes()).Where(t => t.Name.Split('`')[0] == typeName).ToArray();
        if (dot < 0)
        {
            return types.Length > 0;
        }

        var member = name[(dot + 1)..];
        if (member.StartsWith("operator ", StringComparison.Ordinal))
        {
            member = Operators[member["operator ".Length..]];
        }

        const BindingFlags Public = BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance;
        return types.Any(t => t.GetMember(member, Public).Length > 0);
    }

    [GeneratedRegex(@"^\| `(?<dask>[^`]+)` \| [^|]+ \| (?<status>\w+) \| (`(?<minidask>[^`]+)`)? \|")]
    private static partial Regex RowPattern();

    [GeneratedRegex(@"Count: (?<present>\d+) present, (?<partial>\d+) partial, (?<missing>\d+) missing of (?<total>\d+) entries")]
    private static partial Regex CountPattern();
}

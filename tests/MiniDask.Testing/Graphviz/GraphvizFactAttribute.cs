namespace MiniDask.Tests.Graphviz;

/// <summary>A fact that draws pictures with graphviz's dot; it skips, saying why, where dot is not installed.</summary>
public sealed class GraphvizFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Installed = new(() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "dot")) || File.Exists(Path.Combine(dir, "dot.exe"))));

    public GraphvizFactAttribute()
    {
        if (!Installed.Value)
        {
            Skip = "graphviz's dot is not on PATH (apt-get install graphviz; .ci/run installs it when run as root)";
        }
    }
}

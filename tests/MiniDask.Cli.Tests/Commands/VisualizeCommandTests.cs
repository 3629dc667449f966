namespace MiniDask.Cli.Tests.Commands;

public sealed class VisualizeCommandTests
{
    [Fact]
    public void Visualize_DotFile_WritesADigraph()
    {
        var dir = Directory.CreateTempSubdirectory("minidask-viz-");
        try
        {
            var path = Path.Combine(dir.FullName, "demo.dot");

            var (exit, output, _) = CliRunner.Run("visualize", "--size", "20", "--chunks", "10", "-o", path);

            Assert.Equal(0, exit);
            var dot = File.ReadAllText(path);
            Assert.StartsWith("digraph", dot.TrimStart());
            Assert.Contains("->", dot);
            Assert.Contains("demo.dot", output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Visualize_SvgFile_RendersWithGraphvizOrSaysItIsMissing()
    {
        var dir = Directory.CreateTempSubdirectory("minidask-viz-");
        try
        {
            var svg = Path.Combine(dir.FullName, "demo.svg");

            var (exit, _, error) = CliRunner.Run("visualize", "--size", "20", "--chunks", "10", "-o", svg);

            Assert.True(File.Exists(Path.ChangeExtension(svg, ".dot")));
            if (exit == 0)
            {
                Assert.Contains("<svg", File.ReadAllText(svg));
            }
            else
            {
                Assert.Contains("graphviz", error);
                Assert.False(File.Exists(svg));
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

using MiniDask.Tests.Graphviz;

namespace MiniDask.Cli.Tests.Commands;

public sealed class VisualizeCommandTests
{
    [Fact]
    public void Visualize_DotFile_WritesADigraphLabelledByOp()
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
            Assert.Contains("label=\"random\\n(0, 0)\"", dot);
            Assert.DoesNotContain("label=\"float64", dot);
            Assert.Contains("demo.dot", output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("wordcount", "frequencies")]
    [InlineData("matmul", "tensordot")]
    [InlineData("tiny", "more tasks not shown")]
    public void Visualize_BenchWorkload_WritesItsGraph(string workload, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("minidask-viz-");
        try
        {
            var path = Path.Combine(dir.FullName, workload + ".gv");

            var (exit, output, error) = CliRunner.Run("visualize", workload, "--color", "Order", "-o", path);

            Assert.True(exit == 0, error);
            Assert.Contains(expected, File.ReadAllText(path), StringComparison.OrdinalIgnoreCase);
            Assert.Contains(workload, output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Visualize_UnknownWorkloadOrExtension_FailsNamingWhatIsKnown()
    {
        var (exit, _, error) = CliRunner.Run("visualize", "nosuch", "-o", "x.dot");
        var (exit2, _, error2) = CliRunner.Run("visualize", "-o", "x.txt");

        Assert.Equal(2, exit);
        Assert.Contains("wordcount", error);
        Assert.Equal(2, exit2);
        Assert.Contains(".svg", error2);
    }

    [GraphvizFact]
    public void Visualize_SvgAndPngFiles_DrawnInTheFormatTheExtensionNames()
    {
        var dir = Directory.CreateTempSubdirectory("minidask-viz-");
        try
        {
            var svg = Path.Combine(dir.FullName, "demo.svg");
            var png = Path.Combine(dir.FullName, "demo.png");

            var (exit, _, error) = CliRunner.Run("visualize", "--size", "20", "--chunks", "10", "-o", svg);
            var (exit2, _, error2) = CliRunner.Run("visualize", "--size", "20", "--chunks", "10", "-o", png);

            Assert.True(exit == 0, error);
            Assert.True(exit2 == 0, error2);
            Assert.Contains("<svg", File.ReadAllText(svg));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);
            Assert.False(File.Exists(Path.ChangeExtension(svg, ".dot")));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

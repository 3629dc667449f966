namespace MiniDask.Array.Tests;

/// <summary>Visualize on arrays: their graphs labelled by op and block.</summary>
public sealed class VisualizeTests
{
    [Fact]
    public void Visualize_ArrayExpression_LabelsNodesByOpAndBlock()
    {
        var dir = Directory.CreateTempSubdirectory("minidask-viz-");
        try
        {
            var x = DArray.Ones(shape: [4, 4], chunks: [2, 2]);
            var y = (x + 1).Sum();

            var dot = File.ReadAllText(y.Visualize(Path.Combine(dir.FullName, "y.dot")).FullName);
            var optimized = File.ReadAllText(y.Visualize(Path.Combine(dir.FullName, "y-optimized.gv"), optimize: true).FullName);

            Assert.Contains("label=\"add\\n(1, 1)\"", dot);
            Assert.Contains("label=\"full\\n(0, 0)\"", dot);
            Assert.DoesNotContain("label=\"float64", dot);
            Assert.True(optimized.Split("->").Length < dot.Split("->").Length, "Fusing should leave fewer edges.");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

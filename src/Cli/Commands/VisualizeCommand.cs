using System.CommandLine;
using MiniDask.Cli.Bench;
using MiniDask.Graph;

namespace MiniDask.Cli.Commands;

/// <summary>
/// <c>minidask visualize [WORKLOAD] -o FILE</c>: the task graph of the demo or of a bench workload,
/// written in the format the file's extension names (DOT text, or SVG, PNG, PDF drawn by graphviz).
/// </summary>
internal static class VisualizeCommand
{
    private const string Demo = "demo";

    public static Command Create()
    {
        var workload = new Argument<string>("WORKLOAD")
        {
            Description = $"What to draw: {Demo} (the demo at --size and --chunks) or a bench workload ({string.Join(", ", Workloads.All.Select(w => w.Name))}).",
            DefaultValueFactory = _ => Demo,
        };
        var size = new Option<int>("--size") { Description = "Side of the demo's square random array x.", DefaultValueFactory = _ => 4000 };
        var chunks = new Option<int>("--chunks") { Description = "Block side of the demo along each axis.", DefaultValueFactory = _ => 1000 };
        var file = new Option<FileInfo>("--output", "-o") { Description = "The file to write: .dot or .gv (DOT text), .svg, .png, .pdf or .jpg (drawn by graphviz's dot).", Required = true };
        var color = new Option<DotColor>("--color") { Description = "Colour nodes by TaskGroup (the default), by run Order, or None.", DefaultValueFactory = _ => DotColor.TaskGroup };
        var rankdir = new Option<string?>("--rankdir") { Description = "Graph direction BT, TB, LR or RL (default: BT, or LR in layers for a wide graph)." };
        var optimize = new Option<bool>("--optimize") { Description = "Draw the graph as a compute runs it: culled and fused." };
        var maxNodes = new Option<int>("--max-nodes") { Description = "The most tasks drawn (those that run first).", DefaultValueFactory = _ => 1000 };
        var command = new Command("visualize", "Write the task graph of the demo or a bench workload for graphviz, or as a picture.")
        {
            workload, size, chunks, file, color, rankdir, optimize, maxNodes,
        };
        command.SetAction(parse => Run(
            parse.GetValue(workload)!,
            parse.GetValue(size),
            parse.GetValue(chunks),
            parse.GetValue(file)!,
            new DotOptions { Color = parse.GetValue(color), RankDirection = parse.GetValue(rankdir), MaxNodes = parse.GetValue(maxNodes) },
            parse.GetValue(optimize),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string workload, int size, int chunks, FileInfo file, DotOptions options, bool optimize, TextWriter output, TextWriter error)
    {
        try
        {
            var collection = workload.Equals(Demo, StringComparison.OrdinalIgnoreCase)
                ? DemoExpression.Build(size, chunks).Y.Sum()
                : Workloads.Find(workload).Build().Collection;
            var written = collection.Visualize(file.FullName, options, optimize);
            output.WriteLine($"wrote {written.FullName} ({collection.Graph.Count} tasks in {workload}{(optimize ? ", drawn optimized" : "")})");
            return 0;
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (InvalidOperationException e)
        {
            // GraphvizNotFoundException among them: the message says how to install graphviz.
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}

using System.CommandLine;
using System.Diagnostics;
using MiniDask.Graph;

namespace MiniDask.Cli.Commands;

/// <summary><c>minidask visualize</c>: the demo's graph as graphviz DOT, and SVG when <c>dot</c> is installed.</summary>
internal static class VisualizeCommand
{
    public static Command Create()
    {
        var size = new Option<int>("--size") { Description = "Side of the square random array x.", DefaultValueFactory = _ => 4000 };
        var chunks = new Option<int>("--chunks") { Description = "Block side along each axis.", DefaultValueFactory = _ => 1000 };
        var file = new Option<FileInfo>("--output", "-o") { Description = "Output file: .dot writes DOT; .svg writes DOT beside it and renders it with graphviz's dot.", Required = true };
        var command = new Command("visualize", "Write the demo's task graph (y.Sum()) for graphviz.") { size, chunks, file };
        command.SetAction(parse => Run(
            parse.GetValue(size), parse.GetValue(chunks), parse.GetValue(file)!,
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(int size, int chunks, FileInfo file, TextWriter output, TextWriter error)
    {
        try
        {
            var (_, y) = DemoExpression.Build(size, chunks);
            var graph = y.Sum().Graph;
            var wantsSvg = file.Extension.Equals(".svg", StringComparison.OrdinalIgnoreCase);
            var dotPath = wantsSvg ? Path.ChangeExtension(file.FullName, ".dot") : file.FullName;
            Directory.CreateDirectory(Path.GetDirectoryName(dotPath)!);
            File.WriteAllText(dotPath, graph.ToDot());
            output.WriteLine($"wrote {dotPath} ({graph.Count} tasks)");
            if (!wantsSvg)
            {
                return 0;
            }

            if (!TryRenderSvg(dotPath, file.FullName, out var why))
            {
                error.WriteLine($"error: could not write {file.FullName}: {why}. The DOT file is at {dotPath}; install graphviz (apt-get install graphviz) for SVG.");
                return 1;
            }

            output.WriteLine($"wrote {file.FullName}");
            return 0;
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }
    }

    private static bool TryRenderSvg(string dotPath, string svgPath, out string why)
    {
        try
        {
            using var dot = Process.Start(new ProcessStartInfo("dot", ["-Tsvg", dotPath, "-o", svgPath])
            {
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var stderr = dot.StandardError.ReadToEnd();
            dot.WaitForExit();
            why = dot.ExitCode == 0 ? "" : $"dot exited with {dot.ExitCode}: {stderr.Trim()}";
            return dot.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            why = "graphviz's dot is not on PATH";
            return false;
        }
    }
}

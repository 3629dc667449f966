using System.ComponentModel;
using System.Diagnostics;
using MiniDask.Graph.Optimization;

namespace MiniDask.Graph;

/// <summary>
/// <c>collection.Visualize("graph.svg")</c>, as Dask's <c>visualize</c>: the collection's task
/// graph written in the format the file's extension names, DOT text itself or a picture drawn by
/// graphviz's <c>dot</c> program.
/// </summary>
public static class GraphVisualization
{
    private static readonly Dictionary<string, string?> Formats = new(StringComparer.OrdinalIgnoreCase)
    {
        [".dot"] = null,
        [".gv"] = null,
        [".svg"] = "svg",
        [".png"] = "png",
        [".pdf"] = "pdf",
        [".jpg"] = "jpg",
        [".jpeg"] = "jpg",
    };

    /// <summary>
    /// Writes the graph of <paramref name="collection"/> (culled to its outputs; optimized as a
    /// compute would run it when <paramref name="optimize"/>) to <paramref name="path"/>:
    /// <c>.dot</c> or <c>.gv</c> as DOT text, <c>.svg</c>, <c>.png</c>, <c>.pdf</c> or <c>.jpg</c>
    /// drawn by graphviz. Returns the file written.
    /// </summary>
    /// <exception cref="ArgumentException">The extension is none of those; the message lists them.</exception>
    /// <exception cref="GraphvizNotFoundException">A picture was asked for and graphviz's <c>dot</c> is not installed; the message says how to install it.</exception>
    /// <exception cref="InvalidOperationException">graphviz failed; the message carries what it said.</exception>
    public static FileInfo Visualize(this IDaskCollection collection, string path, DotOptions? options = null, bool optimize = false)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var extension = Path.GetExtension(path);
        if (!Formats.TryGetValue(extension, out var format))
        {
            throw new ArgumentException(
                $"Cannot tell what to write from '{path}': use one of {string.Join(", ", Formats.Keys)}.", nameof(path));
        }

        // Optimized, it is the graph every scheduler runs: the one preparation step's output.
        var graph = optimize
            ? GraphPreparation.Prepare(collection.Graph, collection.OutputKeys).Graph
            : Culling.Cull(collection.Graph, collection.OutputKeys);
        var dot = graph.ToDot(options);
        var file = new FileInfo(path);
        if (file.DirectoryName is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        if (format is null)
        {
            File.WriteAllText(file.FullName, dot);
        }
        else
        {
            Render(dot, format, file.FullName);
        }

        file.Refresh();
        return file;
    }

    /// <summary>Draws <paramref name="dot"/> into <paramref name="path"/> with <c>dot -T<paramref name="format"/></c>.</summary>
    /// <exception cref="GraphvizNotFoundException">graphviz's <c>dot</c> is not on PATH.</exception>
    /// <exception cref="InvalidOperationException">dot failed; the message carries its error output.</exception>
    public static void Render(string dot, string format, string path) => Render(dot, format, path, "dot");

    /// <summary><see cref="Render(string, string, string)"/> with another graphviz program (tests name one that is not installed).</summary>
    internal static void Render(string dot, string format, string path, string program)
    {
        ArgumentNullException.ThrowIfNull(dot);
        ArgumentException.ThrowIfNullOrEmpty(format);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var info = new ProcessStartInfo(program, ["-T" + format, "-o", path])
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new GraphvizNotFoundException(path);
        }
        catch (Win32Exception)
        {
            throw new GraphvizNotFoundException(path);
        }

        using (process)
        {
            // Read errors while writing, so neither pipe fills up and stalls the other side.
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(dot);
            process.StandardInput.Close();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"graphviz's dot could not write {path} (exit code {process.ExitCode}): {errors.GetAwaiter().GetResult().Trim()}");
            }
        }
    }
}

/// <summary>A picture of a graph was asked for, and graphviz's <c>dot</c> program, which draws it, is not installed.</summary>
public sealed class GraphvizNotFoundException(string path)
    : InvalidOperationException(
        $"Writing {path} needs graphviz's dot program, which is not on PATH. Install graphviz (Debian and Ubuntu: apt-get install graphviz; "
        + "Fedora: dnf install graphviz; macOS: brew install graphviz; Windows: winget install graphviz), or write a .dot file instead.")
{
    /// <summary>The file that was to be written.</summary>
    public string Path { get; } = path;
}

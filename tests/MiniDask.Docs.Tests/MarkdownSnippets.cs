using System.Text.RegularExpressions;

namespace MiniDask.Docs.Tests;

/// <summary>What the snippet test does with a C# block.</summary>
public enum SnippetMode
{
    /// <summary>Compiled as a program of its own and, where it has statements, run.</summary>
    Run,

    /// <summary>Compiled but not run (marked <c>&lt;!-- snippet: no-run REASON --&gt;</c>).</summary>
    CompileOnly,

    /// <summary>Neither compiled nor run (marked <c>&lt;!-- snippet: not-compiled REASON --&gt;</c>).</summary>
    NotCompiled,
}

/// <summary>A fenced C# block of a Markdown file.</summary>
/// <param name="File">The file, relative to the repository root, such as <c>README.md</c>.</param>
/// <param name="Line">The 1-based line of the block's first line of code (the line after the fence).</param>
/// <param name="Code">The code between the fences.</param>
/// <param name="Mode">What the test does with it.</param>
/// <param name="Reason">Why it is not run or not compiled; empty for <see cref="SnippetMode.Run"/>.</param>
public sealed record Snippet(string File, int Line, string Code, SnippetMode Mode, string Reason)
{
    /// <summary>The block's place, as in <c>README.md:57</c>.</summary>
    public string Id => $"{File}:{Line}";
}

/// <summary>
/// Finds the C# blocks (fences <c>```csharp</c>, <c>```cs</c> and <c>```c#</c>) of a Markdown file.
/// A block is compiled and run unless an HTML comment on the lines just above its fence says
/// otherwise, with a reason:
/// <c>&lt;!-- snippet: no-run needs a CUDA GPU --&gt;</c> compiles it only;
/// <c>&lt;!-- snippet: not-compiled shows the shape of a call, not a program --&gt;</c> skips it.
/// </summary>
public static partial class MarkdownSnippets
{
    /// <summary>The C# blocks of <paramref name="markdown"/>, read from <paramref name="file"/>.</summary>
    /// <exception cref="FormatException">A block is not closed, or a snippet marker is unknown or gives no reason; the message names the line.</exception>
    public static IReadOnlyList<Snippet> Parse(string file, string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var snippets = new List<Snippet>();
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = Fence().Match(lines[i]);
            if (!fence.Success)
            {
                continue;
            }

            var ticks = fence.Groups["ticks"].Value;
            var end = i + 1;
            while (end < lines.Length && !lines[end].TrimStart().StartsWith(ticks, StringComparison.Ordinal))
            {
                end++;
            }

            if (end == lines.Length)
            {
                throw new FormatException($"{file}:{i + 1}: the code block opened here is not closed.");
            }

            if (IsCSharp(fence.Groups["lang"].Value))
            {
                var (mode, reason) = MarkerAbove(file, lines, i);
                snippets.Add(new Snippet(file, i + 2, string.Join('\n', lines[(i + 1)..end]), mode, reason));
            }

            i = end;
        }

        return snippets;
    }

    private static bool IsCSharp(string language) =>
        language.Equals("csharp", StringComparison.OrdinalIgnoreCase)
        || language.Equals("cs", StringComparison.OrdinalIgnoreCase)
        || language.Equals("c#", StringComparison.OrdinalIgnoreCase);

    /// <summary>The snippet marker among the HTML comments on the lines right above the fence at <paramref name="fenceLine"/>.</summary>
    private static (SnippetMode Mode, string Reason) MarkerAbove(string file, string[] lines, int fenceLine)
    {
        for (var j = fenceLine - 1; j >= 0; j--)
        {
            var comment = HtmlComment().Match(lines[j]);
            if (!comment.Success)
            {
                break;
            }

            var marker = Marker().Match(comment.Groups["text"].Value);
            if (!marker.Success)
            {
                continue;
            }

            var reason = marker.Groups["reason"].Value.Trim();
            var mode = marker.Groups["mode"].Value switch
            {
                "no-run" => SnippetMode.CompileOnly,
                "not-compiled" => SnippetMode.NotCompiled,
                var other => throw new FormatException(
                    $"{file}:{j + 1}: unknown snippet marker '{other}'; use 'snippet: no-run REASON' or 'snippet: not-compiled REASON'."),
            };
            return reason.Length > 0
                ? (mode, reason)
                : throw new FormatException($"{file}:{j + 1}: the snippet marker '{marker.Groups["mode"].Value}' needs a reason after it.");
        }

        return (SnippetMode.Run, "");
    }

    [GeneratedRegex(@"^\s*(?<ticks>```+)\s*(?<lang>[^\s`]*)")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s*<!--(?<text>.*)-->\s*$")]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"^\s*snippet:\s*(?<mode>\S+)(?<reason>.*)$")]
    private static partial Regex Marker();
}

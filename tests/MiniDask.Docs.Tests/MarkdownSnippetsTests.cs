namespace MiniDask.Docs.Tests;

public sealed class MarkdownSnippetsTests
{
    [Fact]
    public void Parse_FencesAndMarkers_GivesBlocksWithTheirFirstCodeLineAndMode()
    {
        const string markdown = """
            # Title

            ```csharp
            var a = 1;
            ```

            ```bash
            echo not C#
            ```

            <!-- package-test: Program.cs -->
            <!-- snippet: no-run needs a CUDA GPU -->
            ```cs
            var b = 2;
            var c = 3;
            ```

            <!-- snippet: not-compiled the shape of a call -->
            ```c#
            x.Compute(...);
            ```
            """;

        var snippets = MarkdownSnippets.Parse("doc.md", markdown);

        Assert.Equal(3, snippets.Count);
        Assert.Equal(new Snippet("doc.md", 4, "var a = 1;", SnippetMode.Run, ""), snippets[0]);
        Assert.Equal(new Snippet("doc.md", 14, "var b = 2;\nvar c = 3;", SnippetMode.CompileOnly, "needs a CUDA GPU"), snippets[1]);
        Assert.Equal(SnippetMode.NotCompiled, snippets[2].Mode);
        Assert.Equal("the shape of a call", snippets[2].Reason);
        Assert.Equal("doc.md:20", snippets[2].Id);
    }

    [Fact]
    public void Parse_MarkerWithoutReason_ThrowsNamingTheLine()
    {
        var e = Assert.Throws<FormatException>(() => MarkdownSnippets.Parse("doc.md", "text\n<!-- snippet: no-run -->\n```csharp\nvar a = 1;\n```\n"));
        Assert.Contains("doc.md:2", e.Message);
        Assert.Contains("needs a reason", e.Message);
    }

    [Fact]
    public void Parse_UnknownMarker_ThrowsNamingIt()
    {
        var e = Assert.Throws<FormatException>(() => MarkdownSnippets.Parse("doc.md", "<!-- snippet: skip because -->\n```csharp\nvar a = 1;\n```\n"));
        Assert.Contains("'skip'", e.Message);
    }

    [Fact]
    public void Parse_UnclosedBlock_ThrowsNamingItsLine()
    {
        var e = Assert.Throws<FormatException>(() => MarkdownSnippets.Parse("doc.md", "a\n\n```csharp\nvar a = 1;\n"));
        Assert.Contains("doc.md:3", e.Message);
    }

    [Fact]
    public void Compile_BrokenBlock_ReportsTheMarkdownLineAndTheCompilerError()
    {
        var snippet = new Snippet("README.md", 40, "using MiniDask.Array;\n\nvar y = DArray.Ones(shape: [4], chunks: [2]);\ny.HasUnknownChunks;", SnippetMode.Run, "");
        var directory = Directory.CreateTempSubdirectory("minidask-snippet-").FullName;
        try
        {
            var compiled = SnippetCompiler.Compile(snippet, directory, out var errors);

            Assert.Null(compiled);
            var error = Assert.Single(errors);
            Assert.StartsWith("README.md(43,1): error CS0201", error);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void CompileAndRun_ProgramUsingTheLibraries_RunsIt()
    {
        var snippet = new Snippet(
            "doc.md",
            1,
            "using MiniDask.Array;\nusing MiniDask.Graph;\n\ndouble s = DArray.Ones(shape: [10], chunks: [5]).Sum().Compute();\nif (s != 10) throw new Exception($\"sum {s}\");",
            SnippetMode.Run,
            "");
        var directory = Directory.CreateTempSubdirectory("minidask-snippet-").FullName;
        try
        {
            var compiled = SnippetCompiler.Compile(snippet, directory, out var errors);

            Assert.True(compiled is not null, string.Join("\n", errors));
            Assert.True(compiled.IsProgram);
            SnippetCompiler.Run(compiled.Path, TimeSpan.FromMinutes(1));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

namespace MiniDask.Docs.Tests;

/// <summary>
/// Every C# block of README.md and docs/*.md compiles as written, and runs where it runs on one
/// machine, so the documentation cannot drift from the API. A block that must not run or compile
/// carries a marker with a reason (see <see cref="MarkdownSnippets"/>).
/// </summary>
public sealed class ReadmeSnippetTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The snippets by id (<c>README.md:57</c>), for the theory below.</summary>
    public static TheoryData<string> SnippetIds()
    {
        var data = new TheoryData<string>();
        foreach (var snippet in DocumentationFiles.Snippets())
        {
            data.Add(snippet.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SnippetIds))]
    public void Snippet_AsWritten_CompilesAndRuns(string id)
    {
        var snippet = DocumentationFiles.Snippets().Single(s => s.Id == id);
        if (snippet.Mode == SnippetMode.NotCompiled)
        {
            // Marked in the file with its reason; nothing to check.
            return;
        }

        var directory = Directory.CreateTempSubdirectory("minidask-snippet-").FullName;
        try
        {
            var compiled = SnippetCompiler.Compile(snippet, directory, out var errors);
            Assert.True(
                compiled is not null,
                $"The C# block at {snippet.Id} does not compile:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
            if (snippet.Mode == SnippetMode.Run && compiled.IsProgram)
            {
                try
                {
                    SnippetCompiler.Run(compiled.Path, RunTimeout);
                }
                catch (Exception e)
                {
                    Assert.Fail($"The C# block at {snippet.Id} compiles but fails when run (mark it '<!-- snippet: no-run REASON -->' if it cannot run on one machine):{Environment.NewLine}{e}");
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A worker process may still hold the snippet's dll open for a moment; the temp folder is cleaned anyway.
            }
        }
    }

    [Fact]
    public void Snippets_InReadme_AreFound()
    {
        var readme = DocumentationFiles.Snippets().Where(s => s.File == "README.md").ToList();
        Assert.True(readme.Count >= 6, $"Only {readme.Count} C# blocks were found in README.md.");
        Assert.Contains(readme, s => s.Mode == SnippetMode.Run);
    }
}

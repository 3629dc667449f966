namespace MiniDask.Docs.Tests;

/// <summary>The repository's Markdown documentation: README.md and docs/*.md.</summary>
public static class DocumentationFiles
{
    private static readonly Lazy<IReadOnlyList<Snippet>> All = new(Load);

    /// <summary>The repository root: the nearest folder above the tests holding MiniDask.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Every C# block of the documentation, README.md first.</summary>
    public static IReadOnlyList<Snippet> Snippets() => All.Value;

    private static List<Snippet> Load()
    {
        var files = new List<string> { Path.Combine(Root, "README.md") };
        var docs = Path.Combine(Root, "docs");
        if (Directory.Exists(docs))
        {
            files.AddRange(Directory.GetFiles(docs, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        }

        return [.. files.SelectMany(f => MarkdownSnippets.Parse(Path.GetRelativePath(Root, f).Replace('\\', '/'), File.ReadAllText(f)))];
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MiniDask.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No MiniDask.sln above {AppContext.BaseDirectory}.");
    }
}

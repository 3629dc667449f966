using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MiniDask.Docs.Tests;

/// <summary>A compiled snippet.</summary>
/// <param name="Path">The assembly.</param>
/// <param name="IsProgram">Whether it has top-level statements to run (else it only declares types).</param>
public sealed record CompiledSnippet(string Path, bool IsProgram);

/// <summary>
/// Compiles a snippet as a new console app of the SDK would (C# latest, nullable on, the implicit
/// usings of <c>dotnet new console</c>), against the .NET runtime and the MiniDask assemblies,
/// with Roslyn in this process. Diagnostics point into the Markdown file at the block's lines.
/// </summary>
public static class SnippetCompiler
{
    /// <summary>The global usings a console project with <c>ImplicitUsings</c> gets.</summary>
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    /// <summary>
    /// Compiles <paramref name="snippet"/> into <paramref name="directory"/>: a program when it has
    /// top-level statements, else a library. Returns the assembly, or null with the errors.
    /// </summary>
    public static CompiledSnippet? Compile(Snippet snippet, string directory, out IReadOnlyList<string> errors)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);

        // #line makes every diagnostic name the Markdown file and its line.
        var source = $"#line {snippet.Line} \"{snippet.File}\"\n{snippet.Code}\n";
        var tree = CSharpSyntaxTree.ParseText(source, parse, path: snippet.File);
        var isProgram = tree.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();
        var name = "Snippet_" + string.Concat(snippet.File.Select(c => char.IsLetterOrDigit(c) ? c : '_')) + "_" + snippet.Line;
        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(ImplicitUsings, parse, path: "ImplicitUsings.g.cs"), tree],
            References.Value,
            new CSharpCompilationOptions(
                isProgram ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Release,
                allowUnsafe: true));
        var path = Path.Combine(directory, name + ".dll");
        var result = compilation.Emit(path);
        errors = [.. result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString())];
        return result.Success ? new CompiledSnippet(path, isProgram) : null;
    }

    /// <summary>Loads the program at <paramref name="path"/> and runs its entry point, waiting at most <paramref name="timeout"/>.</summary>
    /// <exception cref="TimeoutException">It ran longer.</exception>
    public static void Run(string path, TimeSpan timeout)
    {
        // The default context, so the snippet shares MiniDask's assemblies (and the op registry) with this process.
        var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        var entry = assembly.EntryPoint ?? throw new InvalidOperationException($"{path} has no entry point.");
        var run = Task.Factory.StartNew(
            () => entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [System.Array.Empty<string>()]),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        if (!run.Wait(timeout))
        {
            throw new TimeoutException($"The snippet ran longer than {timeout.TotalSeconds:0} s.");
        }

        if (run.Exception?.InnerException is TargetInvocationException { InnerException: { } thrown })
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(thrown);
        }
    }

    /// <summary>The runtime's assemblies and every MiniDask assembly (with what they depend on) beside the tests.</summary>
    private static List<MetadataReference> LoadReferences()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = Directory.GetFiles(runtime, "*.dll")
            .Where(IsManagedAssembly)
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll").Where(p => !IsTestTooling(Path.GetFileName(p))));
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }

    private static bool IsTestTooling(string file) =>
        file.StartsWith("xunit", StringComparison.OrdinalIgnoreCase)
        || file.StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase)
        || file.StartsWith("Microsoft.TestPlatform", StringComparison.OrdinalIgnoreCase)
        || file.StartsWith("Microsoft.VisualStudio", StringComparison.OrdinalIgnoreCase)
        || file.StartsWith("testhost", StringComparison.OrdinalIgnoreCase)
        || file.StartsWith("MiniDask.Docs.Tests", StringComparison.OrdinalIgnoreCase)
        || file.StartsWith("Snippet_", StringComparison.OrdinalIgnoreCase);

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}

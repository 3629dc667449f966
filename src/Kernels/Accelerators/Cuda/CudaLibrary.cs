using System.Runtime.InteropServices;

namespace MiniDask.Kernels.Accelerators.Cuda;

/// <summary>
/// Finds a native CUDA library by its versioned sonames through <see cref="NativeLibrary.TryLoad(string, out nint)"/>
/// and resolves its exports by exact (versioned) name, so nothing is bound at assembly load
/// and a machine without CUDA gets a message naming what is missing instead of a crash.
/// </summary>
internal sealed class CudaLibrary
{
    private readonly Func<string, string, nint?> getExport;

    private CudaLibrary(string name, Func<string, string, nint?> getExport)
    {
        Name = name;
        this.getExport = getExport;
    }

    /// <summary>The soname that was loaded, such as <c>libcublas.so.13</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// Loads the first of <paramref name="candidates"/> that <paramref name="tryLoad"/> finds
    /// (by default <see cref="NativeLibrary.TryLoad(string, out nint)"/>); null and a reason such as
    /// <c>libnvrtc.so.13 or libnvrtc.so.12 not found</c> when none is.
    /// </summary>
    public static CudaLibrary? TryLoad(IReadOnlyList<string> candidates, out string? error, Func<string, nint?>? tryLoad = null)
    {
        tryLoad ??= name => NativeLibrary.TryLoad(name, out var h) ? h : null;
        foreach (var name in candidates)
        {
            if (tryLoad(name) is { } handle)
            {
                error = null;
                return new CudaLibrary(name, (_, symbol) => NativeLibrary.TryGetExport(handle, symbol, out var p) ? p : null);
            }
        }

        error = MissingMessage(candidates);
        return null;
    }

    /// <summary>The message for libraries of which none was found: <c>a not found</c>, <c>a or b not found</c>.</summary>
    public static string MissingMessage(IReadOnlyList<string> candidates) => candidates.Count switch
    {
        0 => "no library name to load",
        1 => $"{candidates[0]} not found",
        _ => $"{string.Join(", ", candidates.Take(candidates.Count - 1))} or {candidates[^1]} not found",
    };

    /// <summary>A library whose exports come from <paramref name="exports"/>: for tests of the binding logic.</summary>
    public static CudaLibrary FromExports(string name, IReadOnlyDictionary<string, nint> exports) =>
        new(name, (_, symbol) => exports.TryGetValue(symbol, out var p) ? p : null);

    /// <summary>The address of <paramref name="symbol"/>.</summary>
    /// <exception cref="EntryPointNotFoundException">The library does not export it; the message names both.</exception>
    public nint Export(string symbol) => getExport(Name, symbol)
        ?? throw new EntryPointNotFoundException($"{Name} does not export {symbol}; the installed CUDA version is too old for MiniDask.");

    /// <summary>The address of <paramref name="symbol"/>, or zero when the library does not export it.</summary>
    public nint OptionalExport(string symbol) => getExport(Name, symbol) ?? 0;
}

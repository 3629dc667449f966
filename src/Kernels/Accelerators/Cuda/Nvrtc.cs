using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace MiniDask.Kernels.Accelerators.Cuda;

/// <summary>
/// NVRTC, the CUDA run-time compiler, from <c>libnvrtc.so.13</c> or else <c>libnvrtc.so.12</c>:
/// compiles a CUDA C string to a CUBIN for the device's architecture. The program log is
/// always read, so a failed compile reports the compiler's messages.
/// </summary>
internal sealed unsafe class Nvrtc
{
    /// <summary>The sonames tried in order.</summary>
    public static readonly string[] LibraryNames = ["libnvrtc.so.13", "libnvrtc.so.12"];

    private readonly delegate* unmanaged<nint*, byte*, byte*, int, byte**, byte**, int> nvrtcCreateProgram;
    private readonly delegate* unmanaged<nint, int, byte**, int> nvrtcCompileProgram;
    private readonly delegate* unmanaged<nint, nuint*, int> nvrtcGetProgramLogSize;
    private readonly delegate* unmanaged<nint, byte*, int> nvrtcGetProgramLog;
    private readonly delegate* unmanaged<nint, nuint*, int> nvrtcGetCUBINSize;
    private readonly delegate* unmanaged<nint, byte*, int> nvrtcGetCUBIN;
    private readonly delegate* unmanaged<nint*, int> nvrtcDestroyProgram;
    private readonly delegate* unmanaged<int, byte*> nvrtcGetErrorString;

    private Nvrtc(CudaLibrary library)
    {
        Library = library;
        nvrtcCreateProgram = (delegate* unmanaged<nint*, byte*, byte*, int, byte**, byte**, int>)library.Export("nvrtcCreateProgram");
        nvrtcCompileProgram = (delegate* unmanaged<nint, int, byte**, int>)library.Export("nvrtcCompileProgram");
        nvrtcGetProgramLogSize = (delegate* unmanaged<nint, nuint*, int>)library.Export("nvrtcGetProgramLogSize");
        nvrtcGetProgramLog = (delegate* unmanaged<nint, byte*, int>)library.Export("nvrtcGetProgramLog");
        nvrtcGetCUBINSize = (delegate* unmanaged<nint, nuint*, int>)library.Export("nvrtcGetCUBINSize");
        nvrtcGetCUBIN = (delegate* unmanaged<nint, byte*, int>)library.Export("nvrtcGetCUBIN");
        nvrtcDestroyProgram = (delegate* unmanaged<nint*, int>)library.Export("nvrtcDestroyProgram");
        nvrtcGetErrorString = (delegate* unmanaged<int, byte*>)library.Export("nvrtcGetErrorString");
    }

    /// <summary>The loaded library.</summary>
    public CudaLibrary Library { get; }

    /// <summary>Loads NVRTC; null and the reason when neither soname is found or a symbol is missing.</summary>
    public static Nvrtc? TryLoad(out string? error)
    {
        var library = CudaLibrary.TryLoad(LibraryNames, out error);
        try
        {
            return library is null ? null : new Nvrtc(library);
        }
        catch (EntryPointNotFoundException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>The compiler option selecting <paramref name="capability"/>, such as <c>--gpu-architecture=sm_90</c>.</summary>
    public static string ArchitectureOption((int Major, int Minor) capability) =>
        capability.Major > 0 && capability.Minor >= 0
            ? $"--gpu-architecture=sm_{capability.Major}{capability.Minor}"
            : throw new ArgumentOutOfRangeException(nameof(capability), capability, "A CUDA compute capability has a positive major version.");

    /// <summary>
    /// Compiles <paramref name="source"/> (named <paramref name="name"/> in messages) for
    /// <paramref name="capability"/> and returns the CUBIN.
    /// </summary>
    /// <exception cref="CudaException">Compilation failed; the message holds the program log.</exception>
    public byte[] CompileToCubin(string source, string name, (int Major, int Minor) capability)
    {
        var options = new[] { ArchitectureOption(capability), "--std=c++17" };
        nint program = 0;
        fixed (byte* src = NullTerminated(source), programName = NullTerminated(name))
        {
            Check(nvrtcCreateProgram(&program, src, programName, 0, null, null));
        }

        try
        {
            var optionBytes = options.Select(NullTerminated).ToArray();
            var handles = optionBytes.Select(b => GCHandle.Alloc(b, GCHandleType.Pinned)).ToArray();
            int status;
            try
            {
                var pointers = stackalloc byte*[handles.Length];
                for (var i = 0; i < handles.Length; i++)
                {
                    pointers[i] = (byte*)handles[i].AddrOfPinnedObject();
                }

                status = nvrtcCompileProgram(program, handles.Length, pointers);
            }
            finally
            {
                foreach (var handle in handles)
                {
                    handle.Free();
                }
            }

            var log = ReadLog(program);
            Check(status, $"nvrtcCompileProgram({name}, {string.Join(' ', options)})", log);
            nuint size = 0;
            Check(nvrtcGetCUBINSize(program, &size));
            var cubin = new byte[(int)size];
            fixed (byte* p = cubin)
            {
                Check(nvrtcGetCUBIN(program, p));
            }

            return cubin;
        }
        finally
        {
            nvrtcDestroyProgram(&program);
        }
    }

    /// <summary>Throws a <see cref="CudaException"/> naming <paramref name="call"/> when <paramref name="result"/> is not <c>NVRTC_SUCCESS</c>.</summary>
    public void Check(int result, [CallerArgumentExpression(nameof(result))] string call = "", string detail = "") =>
        CudaException.ThrowIfFailed(result, "NVRTC", r => Marshal.PtrToStringUTF8((nint)nvrtcGetErrorString(r)) ?? $"nvrtcResult {r}", detail, call);

    private string ReadLog(nint program)
    {
        nuint size = 0;
        Check(nvrtcGetProgramLogSize(program, &size));
        var log = new byte[(int)size];
        fixed (byte* p = log)
        {
            Check(nvrtcGetProgramLog(program, p));
        }

        return Encoding.UTF8.GetString(log).TrimEnd('\0').Trim();
    }

    private static byte[] NullTerminated(string text) => Encoding.UTF8.GetBytes(text + "\0");
}

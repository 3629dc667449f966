namespace MiniDask.Tests.Devices;

/// <summary>This test assembly's name, for the discoverer of the shared device facts (tests/Shared/DeviceFacts.cs).</summary>
internal static class TestAssembly
{
    public const string Name = "MiniDask.Worker.Tests";
}

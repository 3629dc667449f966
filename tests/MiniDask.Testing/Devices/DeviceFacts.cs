using MiniDask.Kernels.Accelerators;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MiniDask.Tests.Devices;

/// <summary>Whether a CUDA device and its libraries are usable here, and why not.</summary>
public static class CudaAvailability
{
    private static readonly Lazy<string?> Reason = new(() =>
    {
        try
        {
            using var accelerator = AcceleratorContext.Create("cuda").CreateAccelerator();
            return null;
        }
        catch (AcceleratorUnavailableException e)
        {
            return $"CUDA unavailable: {e.Reason}";
        }
    });

    /// <summary>Null where CUDA tests can run, else why they skip (such as <c>CUDA unavailable: libcuda.so.1 not found</c>).</summary>
    public static string? SkipReason => Reason.Value;
}

/// <summary>A fact that needs a CUDA device; it skips, saying why, where none is usable.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (CudaAvailability.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A fact about what happens where CUDA is missing; it skips where a CUDA device is usable.</summary>
public sealed class WithoutCudaFactAttribute : FactAttribute
{
    public WithoutCudaFactAttribute()
    {
        if (CudaAvailability.SkipReason is null)
        {
            Skip = "a CUDA device is usable here; this test checks the error where none is";
        }
    }
}

/// <summary>Marks a test class whose device is CUDA: its <see cref="DeviceFactAttribute"/> tests skip, with the reason, where CUDA is unusable.</summary>
public interface ICudaTests
{
}

/// <summary>
/// A fact of an abstract device test class: it runs in every concrete class, and skips in a
/// class marked <see cref="ICudaTests"/> where CUDA is unusable (so it counts as skipped, not passed).
/// </summary>
[XunitTestCaseDiscoverer("MiniDask.Tests.Devices.DeviceFactDiscoverer", "MiniDask.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DeviceFactAttribute : FactAttribute
{
}

/// <summary>Makes one test case per <see cref="DeviceFactAttribute"/> method, skipped in CUDA classes without CUDA.</summary>
public sealed class DeviceFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var type = testMethod.TestClass.Class.ToRuntimeType();
        var skip = typeof(ICudaTests).IsAssignableFrom(type) ? CudaAvailability.SkipReason : null;
        yield return new DeviceTestCase(
            diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skip);
    }
}

/// <summary>A test case carrying the skip reason its discoverer decided.</summary>
public sealed class DeviceTestCase : XunitTestCase
{
    private string? skip;

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public DeviceTestCase()
    {
    }

    public DeviceTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod, string? skip)
        : base(sink, display, options, testMethod)
    {
        this.skip = skip;
    }

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("DeviceSkip", skip);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        skip = data.GetValue<string>("DeviceSkip");
        base.Deserialize(data);
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => skip ?? base.GetSkipReason(factAttribute);
}

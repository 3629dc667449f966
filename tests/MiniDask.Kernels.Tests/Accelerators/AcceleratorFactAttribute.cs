using MiniDask.Kernels.Accelerators;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MiniDask.Kernels.Tests.Accelerators;

/// <summary>Marks a test class whose accelerator is CUDA: its tests skip, with the reason, where CUDA is unusable.</summary>
public interface ICudaTests
{
}

/// <summary>Whether the CUDA tests can run here, and why not.</summary>
public static class CudaAvailability
{
    private static readonly Lazy<string?> Reason = new(() =>
    {
        try
        {
            AcceleratorContext.Create("cuda");
            return null;
        }
        catch (AcceleratorUnavailableException e)
        {
            return $"CUDA unavailable: {e.Reason}";
        }
    });

    /// <summary>Null where ILGPU finds a CUDA device, else why the CUDA tests skip.</summary>
    public static string? SkipReason => Reason.Value;
}

/// <summary>A fact that skips, saying why, where no usable CUDA device is found.</summary>
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

/// <summary>
/// A fact of an abstract accelerator test class: it runs in every concrete class, and skips in
/// a class marked <see cref="ICudaTests"/> where CUDA is unusable (so it counts as skipped, not passed).
/// </summary>
[XunitTestCaseDiscoverer("MiniDask.Kernels.Tests.Accelerators.AcceleratorFactDiscoverer", "MiniDask.Kernels.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class AcceleratorFactAttribute : FactAttribute
{
}

/// <summary>Makes one test case per <see cref="AcceleratorFactAttribute"/> method, skipped in CUDA classes without CUDA.</summary>
public sealed class AcceleratorFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var type = testMethod.TestClass.Class.ToRuntimeType();
        var skip = typeof(ICudaTests).IsAssignableFrom(type) ? CudaAvailability.SkipReason : null;
        yield return new AcceleratorTestCase(
            diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skip);
    }
}

/// <summary>A test case carrying the skip reason its discoverer decided.</summary>
public sealed class AcceleratorTestCase : XunitTestCase
{
    private string? skip;

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public AcceleratorTestCase()
    {
    }

    public AcceleratorTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod, string? skip)
        : base(sink, display, options, testMethod)
    {
        this.skip = skip;
    }

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("AcceleratorSkip", skip);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        skip = data.GetValue<string>("AcceleratorSkip");
        base.Deserialize(data);
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => skip ?? base.GetSkipReason(factAttribute);
}

/// <summary>Accelerators for the concrete test classes.</summary>
internal static class TestAccelerators
{
    public static Accelerator Cuda() => AcceleratorContext.Create("cuda").CreateAccelerator();
}

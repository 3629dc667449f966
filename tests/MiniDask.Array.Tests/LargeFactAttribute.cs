namespace MiniDask.Array.Tests;

/// <summary>
/// A fact that needs gigabytes and tens of seconds, so CI skips it: it runs when the environment
/// sets <c>MINIDASK_LARGE_TESTS=1</c> (<c>MINIDASK_LARGE_TESTS=1 dotnet test --filter Category=Large</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LargeFactAttribute : FactAttribute
{
    /// <summary>The variable that turns large facts on.</summary>
    public const string Variable = "MINIDASK_LARGE_TESTS";

    /// <summary>Skips the fact unless <see cref="Variable"/> is <c>1</c>.</summary>
    public LargeFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"Large: set {Variable}=1 to run (gigabytes of memory, tens of seconds).";
        }
    }
}

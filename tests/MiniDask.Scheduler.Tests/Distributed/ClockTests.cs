using MiniDask.Protocol;

namespace MiniDask.Scheduler.Tests.Distributed;

public sealed class ClockTests
{
    [Fact]
    public void Advance_Seconds_MovesMonotonicAndWallClockTogether()
    {
        var clock = new ManualClock(start: 10, utcStart: new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));

        clock.Advance(2.5);
        clock.Advance(TimeSpan.FromSeconds(0.5));

        Assert.Equal(13, clock.MonotonicSeconds);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 3, TimeSpan.Zero), clock.UtcNow);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Advance_NegativeOrNotFinite_ThrowsAndKeepsTheTime(double seconds)
    {
        var clock = new ManualClock();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(seconds));

        Assert.Equal("seconds", error.ParamName);
        Assert.Equal(0, clock.MonotonicSeconds);
    }

    [Fact]
    public void MonotonicSeconds_SystemClock_NeverGoesBack()
    {
        var clock = SystemClock.Instance;

        var first = clock.MonotonicSeconds;
        var second = clock.MonotonicSeconds;

        Assert.True(second >= first);
        Assert.InRange(clock.UtcNow, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }
}

using FitCheck.Model;

namespace FitCheck.Tests.Model;

/// <summary>The total wait of a Step Functions retrier, computed by hand.</summary>
public class RetrierTests
{
    private static readonly SourceSpan At = SourceSpan.FileStart("template.yaml");

    private static Retrier Make(int interval, int attempts, decimal rate, int? maxDelay = null) =>
        new(["States.ALL"], Setting.Explicit(interval, At), Setting.Explicit(attempts, At), Setting.Explicit(rate, At),
            maxDelay is null ? null : Setting.Explicit(maxDelay.Value, At), At);

    [Theory]
    // 5 + 50 + 500 + 5,000 + 50,000 + 500,000 = 555,555 s
    [InlineData(5, 6, 10, null, 555_555)]
    // 20 + 200 + 2,000 + 20,000 + 200,000 = 222,220 s
    [InlineData(20, 5, 10, null, 222_220)]
    // 5 + 50 + 60 + 60 + 60 + 60 = 295 s (each wait capped at MaxDelaySeconds 60)
    [InlineData(5, 6, 10, 60, 295)]
    // the defaults: 1 + 2 + 4 = 7 s
    [InlineData(1, 3, 2, null, 7)]
    // 2.5 is a valid BackoffRate: 2 + 5 + 12.5 = 19.5 s
    [InlineData(2, 3, 2.5, null, 19.5)]
    // MaxAttempts 0: no retry, no wait
    [InlineData(10, 0, 2, null, 0)]
    // the largest MaxAttempts Step Functions takes, at a rate of 1: 99,999,999 × 1 s, without 99,999,999 iterations
    [InlineData(1, 99_999_999, 1, null, 99_999_999)]
    public void TotalWaitSeconds_SumsTheCappedWaitsBetweenAttempts(int interval, int attempts, double rate, int? maxDelay, double expected)
    {
        Assert.Equal((decimal)expected, Make(interval, attempts, (decimal)rate, maxDelay).TotalWaitSeconds);
    }
}

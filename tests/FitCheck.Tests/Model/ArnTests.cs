using FitCheck.Model;
using Xunit;

namespace FitCheck.Tests.Model;

public sealed class ArnTests
{
    [Theory]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:Charge", "lambda", "eu-west-1", "123456789012", "function:Charge", "Charge")]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:Charge:live", "lambda", "eu-west-1", "123456789012", "function:Charge:live", "Charge")]
    [InlineData("arn:aws:states:us-east-1:123456789012:stateMachine:Orders", "states", "us-east-1", "123456789012", "stateMachine:Orders", "Orders")]
    [InlineData("arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2024-01-01T00:00:00.000", "dynamodb", "us-east-1", "123456789012", "table/Orders/stream/2024-01-01T00:00:00.000", "Orders")]
    [InlineData("arn:aws:sqs:us-east-1:123456789012:orders-dlq", "sqs", "us-east-1", "123456789012", "orders-dlq", "orders-dlq")]
    [InlineData("arn:aws:s3:::my-bucket/*", "s3", "", "", "my-bucket/*", "*")]
    [InlineData("arn:aws-cn:iam::aws:policy/AdministratorAccess", "iam", "", "aws", "policy/AdministratorAccess", "AdministratorAccess")]
    public void Splits_an_arn_into_its_parts(string text, string service, string region, string account, string resource, string name)
    {
        Assert.True(Arn.TryParse(text, out var arn));
        Assert.Equal((service, region, account, resource, name), (arn.Service, arn.Region, arn.Account, arn.Resource, arn.ResourceName));
        Assert.Equal(text, arn.Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("my-queue")]
    [InlineData("arn:aws:sqs:us-east-1")]
    [InlineData("ARN:aws:sqs:us-east-1:123456789012:q")]
    public void Text_that_is_not_an_arn_gives_nothing(string? text) => Assert.False(Arn.TryParse(text, out _));

    [Fact]
    public void Account_ids_and_wildcards_are_told_apart()
    {
        Assert.True(Arn.TryParse("arn:aws:sns:us-east-1:123456789012:alerts", out var topic));
        Assert.True(topic.HasAccountId);
        Assert.False(topic.HasWildcard);
        Assert.True(Arn.TryParse("arn:aws:sns:us-east-1:*:alerts", out var any));
        Assert.False(any.HasAccountId);
        Assert.True(any.HasWildcard);
    }
}

using AppHost.Hosting;

namespace AppHost.Tests.Hosting;

public sealed class ExecutionContextTests
{
    [Fact]
    public void Parse_IsRunMode_AndKeepsConfigurationArguments_WithoutVerb()
    {
        var (context, rest) = AppHost.Hosting.ExecutionContext.Parse(["--AppHost:GatewayPort=9000"]);

        Assert.True(context.IsRunMode);
        Assert.Equal(["--AppHost:GatewayPort=9000"], rest);
    }

    [Fact]
    public void Parse_ReadsOutputAndPublisher_ForPublishVerb()
    {
        var (context, rest) = AppHost.Hosting.ExecutionContext.Parse(["publish", "--publisher", "manifest", "--output-path", "out", "--AppHost:Publish:ImageTag=1.2.3"]);

        Assert.True(context.IsPublishMode);
        Assert.Equal(Publisher.Manifest, context.Publisher);
        Assert.Equal(Path.GetFullPath("out"), context.PublishOutput);
        Assert.Equal(["--AppHost:Publish:ImageTag=1.2.3"], rest);
    }

    [Fact]
    public void Parse_DefaultsToKubernetesInDeployK8s_WhenPublishHasNoOptions()
    {
        var (context, _) = AppHost.Hosting.ExecutionContext.Parse(["publish"]);

        Assert.Equal(Publisher.Kubernetes, context.Publisher);
        Assert.Equal(Path.GetFullPath(Path.Combine("deploy", "k8s")), context.PublishOutput);
    }

    [Fact]
    public void Parse_Throws_ForUnknownPublisher()
    {
        Assert.Throws<ArgumentException>(() => AppHost.Hosting.ExecutionContext.Parse(["publish", "--publisher", "helm"]));
    }
}

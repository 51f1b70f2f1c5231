using Ingestor.Sources.LogDirectory;

namespace Ingestor.Tests.Sources.LogDirectory;

public sealed class RunNamingTests
{
    [Theory]
    [InlineData("/scratch/icon-output", "icon-output")]
    [InlineData("/scratch/x:y with space ünï 🚀 50% a,b q?# a%2Fb/", "x:y with space ünï 🚀 50% a,b q?# a%2Fb")]
    [InlineData("/scratch/line\nbreak\ttab", "line_break_tab")]
    public void DirectoryName_KeepsTheName_ButControlCharacters(string directory, string expected)
    {
        Assert.Equal(expected, RunNaming.DirectoryName(directory));
    }

    [Fact]
    public void ForExperiment_KeepsTheExperimentDirectoryName()
    {
        Assert.Equal("icon output@lr 1e-3, 50%", RunNaming.ForExperiment("icon output", "lr 1e-3, 50%"));
    }
}

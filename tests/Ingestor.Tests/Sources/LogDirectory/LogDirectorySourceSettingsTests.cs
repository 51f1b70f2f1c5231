using Ingestor.Sources.LogDirectory;
using ServiceDefaults.Settings;

namespace Ingestor.Tests.Sources.LogDirectory;

public sealed class LogDirectorySourceSettingsTests
{
    private readonly SettingsValidator<LogDirectorySourceOptions> _validator = new(LogDirectorySourceOptions.SectionName);

    [Fact]
    public void Validator_AcceptsTheDefaults_WithAbsoluteDirectories()
    {
        var result = _validator.Validate(null, new LogDirectorySourceOptions { Directories = ["/scratch/a/output-1", "/scratch/b/output-2"] });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validator_NamesTheKey_WhenADirectoryIsRelative()
    {
        var result = _validator.Validate(null, new LogDirectorySourceOptions { Directories = ["/scratch/output", "output"] });

        Assert.Contains("LogDirectorySource__Directories__1", result.FailureMessage);
    }

    [Fact]
    public void Validator_RejectsTwoDirectoriesWithTheSameName_BecauseRunIdsWouldCollide()
    {
        var result = _validator.Validate(null, new LogDirectorySourceOptions { Directories = ["/scratch/a/output", "/scratch/b/output/"] });

        Assert.Contains("LogDirectorySource__Directories__1 must not have the name 'output' of LogDirectorySource__Directories__0", result.FailureMessage);
    }

    [Fact]
    public void Validator_NamesTheKey_WhenAnIntervalIsNotPositive()
    {
        var result = _validator.Validate(null, new LogDirectorySourceOptions { RescanInterval = TimeSpan.Zero, EventSettleDelay = TimeSpan.FromMinutes(1) });

        Assert.Contains("LogDirectorySource__RescanInterval", result.FailureMessage);
        Assert.Contains("LogDirectorySource__EventSettleDelay", result.FailureMessage);
    }

    [Fact]
    public void Validator_AcceptsIgnoreEventFilesIn_NamingAConfiguredDirectory_HoweverItEnds()
    {
        var result = _validator.Validate(null, new LogDirectorySourceOptions
        {
            Directories = ["/scratch/a/output-1", "/scratch/b/output-2"],
            IgnoreEventFilesIn = ["/scratch/b/output-2/"],
        });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validator_NamesTheKey_WhenIgnoreEventFilesInNamesNoConfiguredDirectory()
    {
        var result = _validator.Validate(null, new LogDirectorySourceOptions
        {
            Directories = ["/scratch/a/output-1"],
            IgnoreEventFilesIn = ["/scratch/a/output-1", "/scratch/a/output-2", "output-1"],
        });

        Assert.DoesNotContain("LogDirectorySource__IgnoreEventFilesIn__0", result.FailureMessage);
        Assert.Contains("LogDirectorySource__IgnoreEventFilesIn__1", result.FailureMessage);
        Assert.Contains("LogDirectorySource__IgnoreEventFilesIn__2", result.FailureMessage);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65)]
    public void Validator_NamesTheKey_WhenMaxRunDepthIsOutOfRange(int depth)
    {
        var result = _validator.Validate(null, new LogDirectorySourceOptions { MaxRunDepth = depth });

        Assert.Contains("LogDirectorySource__MaxRunDepth", result.FailureMessage);
    }
}

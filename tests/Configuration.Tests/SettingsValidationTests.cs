using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ServiceDefaults.Settings;

namespace Configuration.Tests;

/// <summary>The one message format of a bad setting, whichever rule it breaks and however deep it sits.</summary>
public sealed class SettingsValidationTests
{
    [Fact]
    public void ARangeProblem_NamesTheKey_TheRange_AndTheValue()
    {
        var problems = SettingsValidation.Problems(new Sample { Interval = TimeSpan.FromMinutes(2) }, "Sample");

        Assert.Equal("Sample__Interval must be between 00:00:01 and 00:01:00 (was 00:02:00).", Assert.Single(problems));
    }

    [Fact]
    public void NestedSectionsAndListItems_AreNamedByTheirWholeKey()
    {
        var problems = SettingsValidation.Problems(
            new Sample { Nested = new() { Count = 0 }, Items = [new() { Count = 3 }, new() { Count = 0 }] }, "Outer:Sample");

        Assert.Equal(["Outer__Sample__Nested__Count must be between 1 and 8 (was 0).", "Outer__Sample__Items__1__Count must be between 1 and 8 (was 0)."], problems);
    }

    [Fact]
    public void ARuleOfTheClass_IsWrittenInTheSameFormat()
    {
        var problems = SettingsValidation.Problems(new Sample { Name = "two words" }, "Sample");

        Assert.Equal("Sample__Name must be one word (was 'two words').", Assert.Single(problems));
    }

    [Fact]
    public void AnAttributesOwnRequirement_ReplacesThePattern()
    {
        var problems = SettingsValidation.Problems(new Sample { Code = "x!" }, "Sample");

        Assert.Equal("Sample__Code must be letters (was 'x!').", Assert.Single(problems));
    }

    [Fact]
    public void TheValidator_FailsOptionsAccess_WithEveryProblem()
    {
        var result = new SettingsValidator<Sample>("Sample").Validate(null, new Sample { Interval = TimeSpan.Zero, Name = "a b" });

        Assert.True(result.Failed);
        Assert.Equal(2, result.Failures!.Count());
    }

    [Fact]
    public void ValidSettings_HaveNoProblems()
    {
        Assert.Empty(SettingsValidation.Problems(new Sample(), "Sample"));
    }

    private sealed class Sample : IValidatableObject
    {
        [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
        public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

        public string Name { get; set; } = "one";

        [RegularExpression("^[a-z]*$", ErrorMessage = "must be letters")]
        public string Code { get; set; } = "";

        [ValidateObjectMembers]
        public Part Nested { get; set; } = new();

        [ValidateEnumeratedItems]
        public List<Part> Items { get; set; } = [];

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Name.Contains(' ', StringComparison.Ordinal))
            {
                yield return SettingProblem.Result(nameof(Name), "must be one word", Name);
            }
        }
    }

    private sealed class Part
    {
        [Range(1, 8)]
        public int Count { get; set; } = 1;
    }
}

using Gateway.Configuration;
using ServiceDefaults.Settings;

namespace Gateway.Tests;

/// <summary>The gateway's own rules on its settings, as start-up reports them.</summary>
public sealed class GatewaySettingsTests
{
    [Fact]
    public void AHeaderValueWithALineBreak_IsRefused_NamingTheKey()
    {
        var options = new GatewayOptions();
        options.SecurityHeaders.ReferrerPolicy = "no-referrer\r\nSet-Cookie: a=b";
        options.SecurityHeaders.PermissionsPolicy = "camera=()\n";

        var problems = SettingsValidation.Problems(options, GatewayOptions.SectionName);

        Assert.Equal(
        [
            "Gateway__SecurityHeaders__ReferrerPolicy must be one line (was 'no-referrer\r\nSet-Cookie: a=b').",
            "Gateway__SecurityHeaders__PermissionsPolicy must be one line (was 'camera=()\n').",
        ], problems);
    }

    [Fact]
    public void TheDefaults_AreAccepted()
    {
        Assert.Empty(SettingsValidation.Problems(new GatewayOptions(), GatewayOptions.SectionName));
    }
}

using System.Net;
using System.Net.Sockets;
using AppHost.Tests.Support;
using TestSupport;

namespace AppHost.Tests.Lifecycle;

/// <summary>AppHost run as its own process, the way `dotnet run --project AppHost` runs it, then stopped or killed.</summary>
public sealed class AppHostProcessTests : IDisposable
{
    private readonly TempDirectory _data = new("apphost-process");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Run_PrintsBothDashboards_ThenSigtermStopsEverything()
    {
        using var timeout = Timeouts.Start(TimeSpan.FromMinutes(3));
        await using var appHost = AppHostProcess.Start(GatewayOnFreePort(), $"--AppHost:DataDirectory={_data.Path}", "--AppHost:StreamApiReplicas=1");

        var ready = await appHost.WaitForLineAsync("Dashboard ready: ", timeout.Token);
        var aspire = await appHost.WaitForLineAsync("Aspire dashboard (", timeout.Token);
        var trainingDashboard = new Uri(ready[(ready.IndexOf("http", StringComparison.Ordinal))..].Split(' ')[0]);
        var login = new Uri(aspire[(aspire.IndexOf("http", StringComparison.Ordinal))..].Trim());
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(trainingDashboard, timeout.Token)).StatusCode);
        Assert.Equal(appHost.AspireDashboard.Port, login.Port);
        Assert.Contains("/login?t=", login.PathAndQuery, StringComparison.Ordinal);
        using var dashboard = await http.GetAsync(login, timeout.Token);
        Assert.True(dashboard.IsSuccessStatusCode, $"the Aspire dashboard answered {dashboard.StatusCode}");
        // AppHost, DCP, the Aspire dashboard, Garnet, ClickHouse, the demo and the four services at least.
        Assert.True(appHost.Processes().Count >= 10, $"only {appHost.Processes().Count} processes carry the run's marker");

        await appHost.SignalAsync("TERM", timeout.Token);

        Assert.Equal(0, await appHost.WaitForExitAsync(timeout.Token));
        await ProcFs.WaitUntilGoneAsync(appHost.Processes(), Timeouts.Startup);
        Assert.Empty(appHost.Processes());
    }

    [Fact]
    public async Task Children_AreStopped_WhenAppHostIsKilledWithSigKill()
    {
        using var timeout = Timeouts.Start(TimeSpan.FromMinutes(3));
        await using var appHost = AppHostProcess.Start(GatewayOnFreePort(), $"--AppHost:DataDirectory={_data.Path}", "--AppHost:StreamApiReplicas=1");
        await appHost.WaitForLineAsync("Dashboard ready: ", timeout.Token);
        var children = appHost.Processes().Where(pid => pid != appHost.Pid).ToList();
        Assert.Contains(children, pid => ProcFs.CommandLine(pid).Contains("clickhouse-server", StringComparison.Ordinal));

        await appHost.SignalAsync("KILL", timeout.Token);

        // DCP watches AppHost's process and stops everything it started once AppHost is gone.
        await ProcFs.WaitUntilGoneAsync(children, Timeouts.Startup);
        Assert.All(children, pid => Assert.False(ProcFs.IsAlive(pid), ProcFs.CommandLine(pid)));
    }

    [Theory]
    [InlineData("--AppHost:StreamApiReplicas=0", "AppHost__StreamApiReplicas")]
    [InlineData("--AppHost:GatewayPort=eighty", "AppHost__GatewayPort")]
    [InlineData("--AppHost:Redis=LocalServer --AppHost:RedisServerPath=/nonexistent/redis-server", "apt-get install redis-server")]
    [InlineData("--AppHost:ClickHouse=LocalServer --AppHost:ClickHouseServerPath=/nonexistent/clickhouse-server", "AppHost__ClickHouse=None")]
    [InlineData("--ConnectionStrings:redis=127.0.0.1:6379,pasword=secret", "ConnectionStrings__redis")]
    [InlineData("--ConnectionStrings:clickhouse=Host=127.0.0.1;Protocol=ftp", "ConnectionStrings__clickhouse")]
    public async Task BadSetup_StopsStartWithOneMessageNamingTheFix_AndLeavesNothingRunning(string arguments, string named)
    {
        using var timeout = Timeouts.Start(TimeSpan.FromMinutes(1));
        await using var appHost = AppHostProcess.Start([.. arguments.Split(' '), $"--AppHost:DataDirectory={_data.Path}"]);

        Assert.Equal(2, await appHost.WaitForExitAsync(timeout.Token));
        Assert.Contains("AppHost cannot start:", appHost.Output, StringComparison.Ordinal);
        Assert.Contains(named, appHost.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", appHost.Output, StringComparison.Ordinal);
        Assert.Empty(appHost.Processes());
    }

    [Fact]
    public async Task TakenGatewayPort_StopsStartWithMessageNamingThePortAndSetting()
    {
        using var timeout = Timeouts.Start(TimeSpan.FromMinutes(1));
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        await using var appHost = AppHostProcess.Start($"--AppHost:GatewayPort={port}", $"--AppHost:DataDirectory={_data.Path}");

        Assert.Equal(2, await appHost.WaitForExitAsync(timeout.Token));
        Assert.Contains($"Port {port} (the training dashboard, AppHost__GatewayPort) is already in use", appHost.Output, StringComparison.Ordinal);
        Assert.Empty(appHost.Processes());
    }

    private static string GatewayOnFreePort() => $"--AppHost:GatewayPort={FreePort.Next()}";
}

using System.Text.Json;
using StreamApi.Tests.Support;
using TestSupport.Redis;
using TestSupport.Sse;

namespace StreamApi.Tests.RunIds;

/// <summary>
/// A log directory whose name holds <c>:</c>, <c>%</c>, <c>,</c>, <c>?</c>, <c>#</c>, spaces and any letter: its run id
/// keeps the name as it is, and every route taking a run answers for it.
/// </summary>
public sealed class LogDirectoryRunIdTests
{
    private const string RunId = UnusualRunIds.DirectoryName + "@2022-01-01T06:00:00";

    [Fact]
    public async Task EveryRouteTakingARun_AnswersForTheDirectoryRun()
    {
        await using var stack = await ServiceStack.StartAsync(RedisServers.RedisServer, directory =>
        {
            ServiceStack.CopyDirectory(ServiceStack.TestData("icon"), directory);
            File.WriteAllBytes(Path.Combine(directory, "net_2022-01-01 06:00:00.pth"), [1, 2, 3]);
        }, directoryName: UnusualRunIds.DirectoryName);
        var run = "run=" + UnusualRunIds.Encode(RunId);

        var runs = await stack.WaitForAsync("/runs", json => json.GetProperty("runs").GetArrayLength() > 0);
        var status = await stack.WaitForAsync($"/api/status?{run}", json => json.GetProperty("timesteps").GetInt32() == 5);
        var checkpoints = await stack.WaitForAsync($"/checkpoints/{UnusualRunIds.Encode(RunId)}", json => json.GetProperty("checkpoints").GetArrayLength() > 0);
        JsonElement[] answers =
        [
            status,
            checkpoints,
            await stack.GetJsonAsync($"/metrics/{UnusualRunIds.Encode(RunId)}?metric={Uri.EscapeDataString("Loss/batch")}"),
            await stack.GetJsonAsync($"/api/loss/current?{run}"),
            await stack.GetJsonAsync($"/api/loss/history?{run}&limit=50"),
            await stack.GetJsonAsync($"/api/loss/statistics?{run}"),
            await stack.GetJsonAsync($"/api/loss/timesteps?{run}"),
            await stack.GetJsonAsync($"/api/loss/by_timestep/{Uri.EscapeDataString("2022-01-01 06:30:00")}?{run}"),
            await stack.GetJsonAsync($"/api/tensorboard/scalars?{run}"),
            await stack.GetJsonAsync($"/api/tensorboard/scalars?{run}&tag={Uri.EscapeDataString("Loss/batch")}"),
        ];

        Assert.Equal(RunId, Assert.Single(runs.GetProperty("runs").EnumerateArray()).GetProperty("run_id").GetString());
        Assert.All(answers, answer => Assert.Equal(RunId, answer.GetProperty("run_id").GetString()));
        Assert.Equal("2022-01-01T08:00:00", status.GetProperty("current_timestep").GetString());

        await using var client = await SseClient.ConnectAsync(new Uri(stack.Http.BaseAddress!, $"/stream?{run}"), cancellationToken: TestContext.Current.CancellationToken);
        var state = new StreamState();
        await client.ApplyUntilAsync(state, s => s.Get(RunId, "Loss/batch")?.Count > 0, TimeSpan.FromSeconds(30));
    }
}

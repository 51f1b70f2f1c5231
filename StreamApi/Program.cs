using StreamApi.Analytics;
using StreamApi.Endpoints;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddStreamApi();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapDefaultEndpoints();
app.MapStreamEndpoints();
app.MapSnapshotEndpoints();
app.MapRunEndpoints();
app.MapMetricEndpoints();
app.MapRunRecordEndpoints();
app.MapLossAnalyticsEndpoints();

app.Run();

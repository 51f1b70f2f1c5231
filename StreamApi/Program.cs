using StreamApi.Analytics;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddStreamApi();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapLossAnalyticsEndpoints();

app.Run();

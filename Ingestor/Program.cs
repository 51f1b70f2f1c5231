var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIngestor();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();

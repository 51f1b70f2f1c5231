var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDemoGenerator();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();

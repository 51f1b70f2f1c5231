var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddFrontend();

var app = builder.Build();

app.UseFrontend();
app.MapDefaultEndpoints();
app.MapFrontend();

app.Run();

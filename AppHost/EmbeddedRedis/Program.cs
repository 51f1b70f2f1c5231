using EmbeddedRedis;

var builder = Host.CreateApplicationBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddSettings<EmbeddedRedisOptions>(EmbeddedRedisOptions.SectionName);
builder.Services.AddHostedService<GarnetService>();

builder.Build().Run();

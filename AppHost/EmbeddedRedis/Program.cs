using EmbeddedRedis;

var builder = Host.CreateApplicationBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddOptions<EmbeddedRedisOptions>()
    .BindConfiguration(EmbeddedRedisOptions.SectionName)
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddHostedService<GarnetService>();

builder.Build().Run();

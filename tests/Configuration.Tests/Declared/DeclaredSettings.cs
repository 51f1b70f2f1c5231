extern alias apphost;
extern alias demo;
extern alias embeddedredis;
extern alias frontend;
extern alias gateway;
extern alias ingestor;
extern alias streamapi;

using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Options;
using ServiceDefaults.Settings;

namespace Configuration.Tests.Declared;

/// <summary>
/// Every setting of every project, found in the code: each class with a <c>SectionName</c> constant is a section, and
/// its public settable properties are its keys (a nested class a nested section, a collection a key per item, <c>__N</c>).
/// </summary>
public static class DeclaredSettings
{
    private static readonly Assembly[] Assemblies =
    [
        typeof(SettingsValidation).Assembly,
        typeof(Contracts.Redis.RedisLayoutOptions).Assembly,
        typeof(ingestor::Ingestor.Publishing.PublishingOptions).Assembly,
        typeof(streamapi::StreamApi.Streaming.StreamOptions).Assembly,
        typeof(gateway::Gateway.Configuration.GatewayOptions).Assembly,
        typeof(frontend::Frontend.Configuration.DashboardOptions).Assembly,
        typeof(demo::DemoGenerator.DemoOptions).Assembly,
        typeof(embeddedredis::EmbeddedRedis.EmbeddedRedisOptions).Assembly,
        typeof(apphost::AppHost.Settings.AppHostOptions).Assembly,
    ];

    public static IReadOnlyList<Type> Sections { get; } =
    [
        .. Assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && SectionNameOf(t) is not null && !t.GetInterfaces().Any(IsOptionsValidator))
            .OrderBy(t => t.FullName, StringComparer.Ordinal),
    ];

    public static IReadOnlyList<DeclaredSetting> All { get; } =
        [.. Sections.SelectMany(t => Walk(t, Activator.CreateInstance(t), SettingProblem.Key(SectionNameOf(t)!)))];

    /// <summary>The first part of every declared key (<c>Publishing</c>, <c>Gateway</c>): the sections the document must agree on.</summary>
    public static IReadOnlySet<string> SectionKeys { get; } = All.Select(s => s.Key.Split("__")[0]).ToHashSet(StringComparer.Ordinal);

    private static string? SectionNameOf(Type type) =>
        type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field ? field.GetRawConstantValue() as string : null;

    private static bool IsOptionsValidator(Type contract) =>
        contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IValidateOptions<>);

    private static IEnumerable<DeclaredSetting> Walk(Type type, object? instance, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0))
        {
            var key = $"{prefix}__{property.Name}";
            var value = instance is null ? null : property.GetValue(instance);
            var propertyType = property.PropertyType;
            if (propertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                var item = propertyType.IsArray ? propertyType.GetElementType()! : propertyType.GetGenericArguments()[0];
                if (IsSection(item))
                {
                    foreach (var nested in Walk(item, null, $"{key}__N"))
                    {
                        yield return nested;
                    }
                }
                else
                {
                    yield return new DeclaredSetting($"{key}__N", property, null);
                }
            }
            else if (IsSection(propertyType))
            {
                foreach (var nested in Walk(propertyType, value, key))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return new DeclaredSetting(key, property, value);
            }
        }
    }

    private static bool IsSection(Type type) => type.IsClass && type != typeof(string) && Assemblies.Contains(type.Assembly);
}

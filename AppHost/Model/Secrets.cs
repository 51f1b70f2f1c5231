using System.Security.Cryptography;

namespace AppHost.Model;

public static class Secrets
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>A password as Aspire generates one for Redis: 22 letters and digits.</summary>
    public static string NewPassword(int length = 22) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary>An OpenTelemetry <c>service.instance.id</c> as Aspire makes one: 8 random lower-case letters.</summary>
    public static string NewInstanceId() => RandomNumberGenerator.GetString(Alphabet.AsSpan(0, 26), 8);
}

using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace JexSim.Server.Api;

/// <summary>HMAC-SHA256 of the signed payload with the key's secret, compared as hex without regard to case.</summary>
public static class Signature
{
    public static string Compute(string secret, string payload)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload));
        return Convert.ToHexStringLower(mac);
    }

    public static bool Verify(string secret, string payload, string signature)
    {
        if (signature.Length != 64) return false;
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload), expected);
        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(signature, given, out _, out int written) != OperationStatus.Done || written != 32) return false;
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}

using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace JexSim.Server.Api;

/// <summary>HMAC-SHA256 of the signed payload with the key's secret, compared as hex without regard to case.</summary>
public static class Signature
{
    /// <summary>Secrets and payloads up to this many UTF-8 bytes are encoded on the stack (a request body is at most 16 KB).</summary>
    private const int StackBytes = 1024;

    public static string Compute(string secret, string payload)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload));
        return Convert.ToHexStringLower(mac);
    }

    public static bool Verify(string secret, string payload, string signature)
    {
        if (signature.Length != 64) return false;
        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(signature, given, out _, out int written) != OperationStatus.Done || written != 32) return false;

        byte[]? rentedKey = null, rentedPayload = null;
        try
        {
            Span<byte> key = Utf8(secret, ref rentedKey, stackalloc byte[StackBytes]);
            Span<byte> data = Utf8(payload, ref rentedPayload, stackalloc byte[StackBytes]);
            Span<byte> expected = stackalloc byte[32];
            HMACSHA256.HashData(key, data, expected);
            return CryptographicOperations.FixedTimeEquals(expected, given);
        }
        finally
        {
            if (rentedKey is not null) ArrayPool<byte>.Shared.Return(rentedKey);
            if (rentedPayload is not null) ArrayPool<byte>.Shared.Return(rentedPayload);
        }
    }

    /// <summary>The UTF-8 bytes of <paramref name="text"/>, in <paramref name="stack"/> when they fit, else in a rented array.</summary>
    private static Span<byte> Utf8(string text, ref byte[]? rented, Span<byte> stack)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var buffer = max <= stack.Length ? stack : (rented = ArrayPool<byte>.Shared.Rent(max));
        return buffer[..Encoding.UTF8.GetBytes(text, buffer)];
    }
}

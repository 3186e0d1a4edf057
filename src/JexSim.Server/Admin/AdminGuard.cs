using System.Net;
using System.Security.Cryptography;
using System.Text;
using JexSim.Server.Api;
using JexSim.Server.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace JexSim.Server.Admin;

/// <summary>
/// Who may call /admin/v1. With JexSim:AdminToken set, exactly the requests that carry it (401 otherwise). Without one,
/// the admin plane is local-only and refuses what a browser page could send (403, -1002): a Host that is not loopback,
/// one of the listen addresses or JexSim:AdminHosts (DNS rebinding), an Origin other than the Host itself, and
/// Sec-Fetch-Site: cross-site. Always: a body must be JSON (415 otherwise), which a cross-site form cannot send.
/// </summary>
public static class AdminGuard
{
    public static async ValueTask<object?> Check(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptions<JexSimOptions>>().Value;
        if (!string.IsNullOrEmpty(options.AdminToken))
        {
            var sent = http.Request.Headers[AdminEndpoints.TokenHeader].ToString();
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(options.AdminToken)))
                return JexResults.Error(JexErrors.Unauthorized($"Admin calls need the {AdminEndpoints.TokenHeader} header with the configured JexSim:AdminToken."));
        }
        else if (BrowserRefusal(http, options) is { } refusal)
            return JexResults.Error(JexErrors.Unauthorized(refusal) with { Status = StatusCodes.Status403Forbidden });

        if (HasBody(http.Request) || !string.IsNullOrEmpty(http.Request.ContentType))
        {
            if (!IsJson(http.Request.ContentType))
                return JexResults.Error(new JexError(-1100, $"body: admin bodies are JSON: send Content-Type: application/json, not '{http.Request.ContentType ?? "(none)"}'.",
                    StatusCodes.Status415UnsupportedMediaType));
        }
        return await next(context);
    }

    /// <summary>Why a token-less admin request looks like it came from a browser page or a rebound host name; null when it does not.</summary>
    public static string? BrowserRefusal(HttpContext http, JexSimOptions options)
    {
        string host = http.Request.Host.Host;
        if (!IsAllowedHost(host, http, options))
            return $"Without a JexSim:AdminToken the admin API answers only loopback hosts and the listen address; Host '{http.Request.Host}' is neither. "
                + "Set JexSim:AdminToken, or add the host to JexSim:AdminHosts.";
        string origin = http.Request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            bool same = Uri.TryCreate(origin, UriKind.Absolute, out var o)
                && string.Equals(o.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase);
            if (!same)
                return $"Admin calls from a web page of another origin ('{origin}') are refused without a JexSim:AdminToken.";
        }
        if (string.Equals(http.Request.Headers["Sec-Fetch-Site"].ToString(), "cross-site", StringComparison.OrdinalIgnoreCase))
            return "Cross-site admin calls are refused without a JexSim:AdminToken.";
        return null;
    }

    private static bool IsAllowedHost(string host, HttpContext http, JexSimOptions options)
    {
        host = host.Trim('[', ']');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)) return true;
        if (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip)) return true;
        if (options.AdminHosts.Any(h => h == "*" || string.Equals(h, host, StringComparison.OrdinalIgnoreCase))) return true;
        var addresses = http.RequestServices.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            if (!Uri.TryCreate(address.Replace("://+", "://plus").Replace("://*", "://star"), UriKind.Absolute, out var listen)) continue;
            if (string.Equals(listen.Host.Trim('[', ']'), host, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static bool HasBody(HttpRequest request) => request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
                                    || (contentType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && contentType.Contains("+json", StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// Once the server listens: a loud warning when it listens beyond loopback with no admin token, since anyone who can
    /// reach the port could then reset the venue or credit accounts.
    /// </summary>
    public static void WarnWhenExposed(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var options = app.Services.GetRequiredService<IOptions<JexSimOptions>>().Value;
            var exposed = ExposedWithoutToken(app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [], options.AdminToken);
            if (exposed.Count == 0) return;
            string warning = $"WARNING: JexSim listens on {string.Join(", ", exposed)} (not only loopback) WITHOUT an admin token. "
                + "Anyone who can reach it can call /admin/v1 from a loopback Host header. Set JexSim:AdminToken (JexSim__AdminToken) to protect the admin API.";
            app.Logger.LogWarning("{Warning}", warning);
            Console.Error.WriteLine(warning);
        });
    }

    /// <summary>The listen addresses beyond loopback, when there is no admin token to protect them (else none).</summary>
    public static IReadOnlyList<string> ExposedWithoutToken(IEnumerable<string> addresses, string? adminToken) =>
        string.IsNullOrEmpty(adminToken) ? addresses.Where(a => !IsLoopbackAddress(a)).ToList() : [];

    private static bool IsLoopbackAddress(string address)
    {
        if (!Uri.TryCreate(address.Replace("://+", "://plus").Replace("://*", "://star"), UriKind.Absolute, out var u)) return false;
        string host = u.Host.Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}

using JexSim.Server.Api;

namespace JexSim.Server.RateLimiting;

/// <summary>The X-MBX-* usage headers and Retry-After, written from the limiter's decisions.</summary>
public static class RateLimitHeaders
{
    public const string UsedWeight = "X-MBX-USED-WEIGHT";
    public const string UsedWeight1M = "X-MBX-USED-WEIGHT-1M";
    public const string OrderCount1S = "X-MBX-ORDER-COUNT-1S";
    public const string OrderCount1D = "X-MBX-ORDER-COUNT-1D";
    public const string RetryAfter = "Retry-After";

    public static void Write(HttpResponse response, in RequestAdmission admission)
    {
        if (!admission.Counted) return;
        string used = admission.UsedWeight.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers[UsedWeight] = used;
        response.Headers[UsedWeight1M] = used;
        if (admission.Refusal is not null) response.Headers[RetryAfter] = Seconds(admission.RetryAfterMs);
    }

    public static void Write(HttpResponse response, in OrderAdmission admission)
    {
        if (!admission.Counted) return;
        response.Headers[OrderCount1S] = admission.OrdersThisSecond.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers[OrderCount1D] = admission.OrdersToday.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (admission.Refusal is not null) response.Headers[RetryAfter] = Seconds(admission.RetryAfterMs);
    }

    /// <summary>Whole seconds, rounded up, at least 1.</summary>
    private static string Seconds(long ms) => Math.Max(1, (ms + 999) / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Registration and the middleware that limits JEX requests no catalogue endpoint answers (404, 405).</summary>
public static class RateLimitingExtensions
{
    public static IServiceCollection AddJexRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JexRateLimiter>();
        return services;
    }

    /// <summary>
    /// Requests under /api and /wapi that no catalogue endpoint handles (unknown paths, wrong methods) count with weight 1
    /// here; catalogue endpoints are counted by the JEX pipeline, which knows their weight.
    /// </summary>
    public static IApplicationBuilder UseJexRateLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var path = http.Request.Path;
        if ((path.StartsWithSegments("/api") || path.StartsWithSegments("/wapi"))
            && http.GetEndpoint()?.Metadata.GetMetadata<Api.Catalogue.JexEndpoint>() is null)
        {
            var limiter = http.RequestServices.GetRequiredService<JexRateLimiter>();
            var admission = limiter.AdmitRequest(JexRateLimiter.ClientOf(http), 1);
            RateLimitHeaders.Write(http.Response, admission);
            if (admission.Refusal is { } refusal)
            {
                await JexResults.Error(refusal).ExecuteAsync(http);
                return;
            }
        }
        await next(http);
    });
}

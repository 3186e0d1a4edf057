using JexSim.Testing;
using Microsoft.Playwright;

namespace JexSim.Dashboard.Tests;

/// <summary>
/// The dashboard open in a fresh browser context against a venue. Records every URL the page asks for, so a test can
/// prove nothing leaves the venue (no CDN, no web fonts).
/// </summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _requested = [];

    private DashboardPage(IBrowserContext context, IPage page, JexSimVenue venue)
    {
        _context = context;
        Page = page;
        Venue = venue;
        page.Request += (_, request) => { lock (_requested) _requested.Add(request.Url); };
    }

    public IPage Page { get; }
    public JexSimVenue Venue { get; }

    /// <summary>Every URL the page requested that is not on the venue's own host and port.</summary>
    public IReadOnlyList<string> ForeignRequests
    {
        get
        {
            lock (_requested)
                return [.. _requested.Where(u => !u.StartsWith("data:", StringComparison.Ordinal) && !u.StartsWith("blob:", StringComparison.Ordinal)
                    && !(Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Host == Venue.BaseAddress.Host && uri.Port == Venue.BaseAddress.Port))];
        }
    }

    public static async Task<DashboardPage> OpenAsync(BrowserFixture browser, JexSimVenue venue, string path = "")
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1100 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000); // generous: CI machines are small and shared; passing tests do not wait for it
        var dashboard = new DashboardPage(context, page, venue);
        await page.GotoAsync(new Uri(venue.BaseAddress, path).ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        if (path.Length == 0) await Assertions.Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        return dashboard;
    }

    /// <summary>Saves the page as it is now under bin/.../screenshots/&lt;name&gt;.png and returns the path.</summary>
    public async Task<string> ScreenshotAsync(string name, bool fullPage = true)
    {
        string path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}

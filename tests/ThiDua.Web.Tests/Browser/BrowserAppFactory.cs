using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ThiDua.Web.Tests.Support;

namespace ThiDua.Web.Tests.Browser;

/// <summary>
/// The app on a real Kestrel port (a browser cannot reach the in-memory test server) plus Debian's Chromium
/// driven by Playwright: no browser download, the flags this closed network needs.
/// </summary>
public sealed class BrowserAppFactory : ThiDuaAppFactory, IAsyncLifetime
{
    public static readonly string ScreenshotFolder = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    // Kestrel binds a free loopback port itself. UseKestrel(0) instead rewrote the server's addresses after the app had
    // started Kestrel on its own thread and failed when Kestrel was first ("Addresses cannot be modified after the
    // server has started", once in a clean-clone CI run; dotnet/aspnetcore#67714).
    public BrowserAppFactory() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    public async Task InitializeAsync()
    {
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');
        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh browser profile signed in as the given demo account, in Vietnamese.</summary>
    public async Task<IPage> SignInAsync(string username, string password = "ThiDua@2026", int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        // Generous: the first request of a page compiles it, and CI machines are shared.
        page.SetDefaultTimeout(45_000);
        await page.GotoAsync($"{BaseUrl}/dang-nhap");
        await page.FillAsync("#Username", username);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("button[type=submit]");
        try
        {
            await WaitForPageAsync(page, $"{BaseUrl}/");
            await page.Locator("h1", new PageLocatorOptions { HasText = "Tổng quan" }).WaitForAsync();
        }
        catch (TimeoutException e)
        {
            // Say where the sign-in stopped: a timeout without the page it stopped on cannot be diagnosed.
            await ScreenshotAsync(page, $"sign-in-stuck-{username}");
            var text = await page.InnerTextAsync("body", new PageInnerTextOptions { Timeout = 5_000 });
            throw new TimeoutException($"Đăng nhập {username} không tới trang Tổng quan; trang đang ở {page.Url}: {text[..Math.Min(text.Length, 400)]}", e);
        }
        return page;
    }

    /// <summary>
    /// Waits until the page is at the address (after a form's POST and redirect) and has loaded, both asked of the page
    /// itself in one polled check that Playwright re-runs in each new document. Its own WaitForURL is racy here: when the
    /// redirect has already landed by the time it is called it waits for the "load" event instead, and that event can
    /// come between its check and its subscription; it ran out at 45 s on a loaded page once in a dozen full runs, and
    /// once in a clean-clone CI run.
    /// </summary>
    public static Task WaitForPageAsync(IPage page, string url) =>
        page.WaitForFunctionAsync("url => location.href === url && document.readyState === 'complete'", url);

    /// <inheritdoc cref="WaitForPageAsync(IPage, string)"/>
    /// <remarks>The pattern is run by the browser's JavaScript <c>RegExp</c>, so it must mean the same there.</remarks>
    public static Task WaitForPageAsync(IPage page, Regex url) =>
        page.WaitForFunctionAsync("source => new RegExp(source).test(location.href) && document.readyState === 'complete'", url.ToString());

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public new async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}

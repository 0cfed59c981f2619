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

    public BrowserAppFactory() => UseKestrel(0);

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
        await page.WaitForURLAsync($"{BaseUrl}/");
        return page;
    }

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

using Microsoft.Playwright;

namespace MiniDask.Dashboard.Tests;

/// <summary>A fact that drives Debian's chromium through Playwright; it skips, saying why, where chromium is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(HeadlessChromium.Executable))
        {
            Skip = $"chromium is not installed at {HeadlessChromium.Executable} (apt-get install chromium; .ci/run installs it when run as root)";
        }
    }
}

/// <summary>
/// Headless chromium driven by Playwright: the system's browser (never a downloaded one), in a
/// sandbox-less container-friendly mode, with a page of a fixed size for screenshots.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    /// <summary>Debian's chromium.</summary>
    public const string Executable = "/usr/bin/chromium";

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser, IPage page)
    {
        this.playwright = playwright;
        this.browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>Where screenshots go: a folder under the test output, so a person can look at them.</summary>
    public static string ScreenshotDirectory => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public static async Task<HeadlessChromium> StartAsync()
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Executable,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            });
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
            page.SetDefaultTimeout(60_000);
            return new HeadlessChromium(playwright, browser, page);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Saves a full-page screenshot as <paramref name="name"/>.png under <see cref="ScreenshotDirectory"/>; returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}

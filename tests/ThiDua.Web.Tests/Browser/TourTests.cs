using Microsoft.Playwright;

namespace ThiDua.Web.Tests.Browser;

/// <summary>Opens the main pages as the demo users and saves screenshots of them (test artifacts).</summary>
public sealed class TourTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    [Fact]
    public async Task The_main_pages_render_in_vietnamese()
    {
        var page = await app.SignInAsync("thuky.ttud");
        Assert.Contains("Trần Thị Mai", await page.InnerTextAsync("[data-testid=current-user]"));
        await BrowserAppFactory.ScreenshotAsync(page, "tong-quan");
        await page.GotoAsync($"{app.BaseUrl}/theo-doi");
        await BrowserAppFactory.ScreenshotAsync(page, "theo-doi");
        await page.GotoAsync($"{app.BaseUrl}/ho-so/tao");
        await BrowserAppFactory.ScreenshotAsync(page, "lap-ho-so");
        await page.GotoAsync($"{app.BaseUrl}/ho-so/nhap-excel");
        await BrowserAppFactory.ScreenshotAsync(page, "nhap-excel");
        var leader = await app.SignInAsync("lanhdao.skhcn");
        await leader.GotoAsync($"{app.BaseUrl}/hop-viec");
        await BrowserAppFactory.ScreenshotAsync(leader, "hop-viec");
        var member = await app.SignInAsync("hd.skhcn.3");
        await member.GotoAsync($"{app.BaseUrl}/hop-viec");
        await member.ClickAsync("text=Bỏ phiếu >> nth=-1");
        await BrowserAppFactory.ScreenshotAsync(member, "bo-phieu");
        var phone = await app.SignInAsync("thuky.ttud", width: 390, height: 844);
        await phone.GotoAsync($"{app.BaseUrl}/theo-doi");
        await BrowserAppFactory.ScreenshotAsync(phone, "theo-doi-dien-thoai");
    }
}

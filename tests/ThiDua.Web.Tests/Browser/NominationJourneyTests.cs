using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ThiDua.Infrastructure.Excel;

namespace ThiDua.Web.Tests.Browser;

/// <summary>The whole journey in Chromium, in Vietnamese, with nothing done through the API.</summary>
public sealed class NominationJourneyTests(BrowserAppFactory app) : IClassFixture<BrowserAppFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    private async Task<IPage> OpenTaskAsync(string username, string code)
    {
        var page = await app.SignInAsync(username);
        await page.GotoAsync($"{app.BaseUrl}/hop-viec");
        await page.Locator($"tr[data-dossier='{code}'] a.btn").ClickAsync();
        await BrowserAppFactory.WaitForPageAsync(page, new Regex("/nhiem-vu/"));
        return page;
    }

    private async Task DecideAsync(string username, string code, string button, string? comment = null, string? screenshot = null)
    {
        var page = await OpenTaskAsync(username, code);
        if (comment is not null)
            await page.FillAsync("textarea[name=Comment]", comment);
        if (screenshot is not null)
            await BrowserAppFactory.ScreenshotAsync(page, screenshot);
        await page.ClickAsync($"button[name=Outcome]:has-text('{button}')");
        await BrowserAppFactory.WaitForPageAsync(page, $"{app.BaseUrl}/hop-viec");
        Assert.Contains("Đã xử lý", await page.InnerTextAsync(".alert.success"));
        await page.Context.CloseAsync();
    }

    private async Task<string> TrackingRowAsync(IPage page, string code)
    {
        await page.GotoAsync($"{app.BaseUrl}/theo-doi?Q={code}");
        return await page.InnerTextAsync($"tr[data-code='{code}']");
    }

    [Fact]
    public async Task Create_submit_return_resubmit_and_approve_a_giay_khen_through_the_department()
    {
        // The secretary files the dossier and attaches the report.
        var secretary = await app.SignInAsync("thuky.ttud");
        await secretary.GotoAsync($"{app.BaseUrl}/ho-so/tao");
        await secretary.CheckAsync("input[value=individual]");
        await secretary.FillAsync("#Form_NomineeName", "Nguyễn Văn Thành Công");
        await secretary.FillAsync("#Form_NomineeTitle", "Phó Giám đốc Trung tâm");
        await secretary.SelectOptionAsync("#Form_Movement", "skhcn-qng-2024");
        // The award list follows the movement (htmx): Huân chương is not offered for this one.
        await secretary.WaitForFunctionAsync("() => ![...document.querySelectorAll('#Form_AwardForm option')].some(o => o.value === 'huan-chuong-lao-dong-hang-ba')");
        await secretary.SelectOptionAsync("#Form_AwardForm", "giay-khen");
        await secretary.FillAsync("#Form_Summary", "Chủ trì 02 đề tài ứng dụng tiến bộ KH&CN; hoàn thành xuất sắc nhiệm vụ năm 2025.");
        await secretary.ClickAsync("button:has-text('Lưu bản nháp')");
        await BrowserAppFactory.WaitForPageAsync(secretary, new Regex("/ho-so/[0-9a-f-]{36}$"));
        var dossierUrl = secretary.Url;
        var code = Regex.Match(await secretary.InnerTextAsync("h1"), @"HS-\d{4}-\d{6}").Value;

        await secretary.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "bao-cao-thanh-tich.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await secretary.ClickAsync("button:has-text('Tải lên')");
        Assert.Contains("bao-cao-thanh-tich.pdf", await secretary.InnerTextAsync("[data-testid=attachments]"));
        await BrowserAppFactory.ScreenshotAsync(secretary, "ho-so-nhap");
        await secretary.ClickAsync("button:has-text('Gửi hồ sơ')");
        Assert.Equal("Chờ lãnh đạo đơn vị xét · Cấp: Đơn vị", (await secretary.InnerTextAsync("[data-testid=status-label]")).Trim());
        Assert.Contains("Lãnh đạo đơn vị xét, ký đề nghị", await TrackingRowAsync(secretary, code));

        // The unit leader returns it; a return without a reason is stopped before it is sent.
        var leader = await OpenTaskAsync("lanhdao.ttud", code);
        await leader.ClickAsync("button[name=Outcome]:has-text('Trả lại')");
        Assert.Matches(new Regex("/nhiem-vu/"), leader.Url);
        await leader.Context.CloseAsync();
        await DecideAsync("lanhdao.ttud", code, "Trả lại", "Bổ sung bản sao bằng khen đã được tặng.", "quyet-dinh-tra-lai");

        await secretary.GotoAsync(dossierUrl);
        Assert.Contains("Bổ sung bản sao bằng khen đã được tặng.", await secretary.InnerTextAsync("[data-testid=return-reason]"));
        Assert.Contains("Bị trả lại", await TrackingRowAsync(secretary, code));
        await secretary.GotoAsync(dossierUrl);
        await secretary.FillAsync("textarea[name=Comment]", "Đã bổ sung bản sao bằng khen.");
        await BrowserAppFactory.ScreenshotAsync(secretary, "ho-so-bi-tra-lai");
        await secretary.ClickAsync("button:has-text('Gửi lại hồ sơ')");
        Assert.Contains("Chờ lãnh đạo đơn vị xét", await secretary.InnerTextAsync("[data-testid=status-label]"));

        await DecideAsync("lanhdao.ttud", code, "Đồng ý");
        Assert.Contains("Tiếp nhận hồ sơ tại Sở", await TrackingRowAsync(secretary, code));
        await DecideAsync("thuky.skhcn", code, "Tiếp nhận");
        await DecideAsync("thuky.skhcn", code, "Đồng ý", "Đủ điều kiện.");
        Assert.Contains("Hội đồng TĐKT Sở bình xét", await TrackingRowAsync(secretary, code));

        for (var i = 1; i <= 5; i++)
        {
            var member = await OpenTaskAsync($"hd.skhcn.{i}", code);
            await member.ClickAsync(i == 5 ? "button:has-text('Không tán thành')" : "button:has-text('Tán thành')");
            await BrowserAppFactory.WaitForPageAsync(member, dossierUrl);
            if (i == 5)
            {
                Assert.Contains("4/5", await member.InnerTextAsync(".alert.success"));
                Assert.Contains("4/5 phiếu tán thành (80%)", await member.InnerTextAsync("[data-testid=tally]"));
                await BrowserAppFactory.ScreenshotAsync(member, "ket-qua-bo-phieu");
            }
            await member.Context.CloseAsync();
        }
        Assert.Contains("Giám đốc Sở quyết định", await TrackingRowAsync(secretary, code));
        await DecideAsync("lanhdao.skhcn", code, "Đồng ý", "Tặng Giấy khen.", "quyet-dinh-giam-doc");

        var row = await TrackingRowAsync(secretary, code);
        Assert.Contains("Đã khen thưởng", row);
        await secretary.GotoAsync(dossierUrl);
        Assert.Contains("Đã khen thưởng", await secretary.InnerTextAsync("[data-testid=state]"));
        var timeline = await secretary.InnerTextAsync("[data-testid=timeline]");
        Assert.Contains("Bổ sung bản sao bằng khen đã được tặng.", timeline);
        Assert.Contains("Huỳnh Văn Phúc", timeline);
        await BrowserAppFactory.ScreenshotAsync(secretary, "ho-so-da-khen-thuong");

        // Another province's leader cannot open it, by link or by search.
        var stranger = await app.SignInAsync("lanhdao.laichau");
        var response = await stranger.GotoAsync(dossierUrl);
        Assert.Equal(404, response!.Status);
        Assert.Contains("Không tìm thấy", await stranger.InnerTextAsync("h1"));
        Assert.DoesNotContain(code, await stranger.InnerTextAsync("main"));
        await stranger.GotoAsync($"{app.BaseUrl}/theo-doi?Q={code}");
        Assert.Equal("0 hồ sơ", (await stranger.InnerTextAsync("[data-testid=total]")).Trim());
    }

    [Fact]
    public async Task A_leader_approves_several_dossiers_at_once_after_confirming()
    {
        var secretary = await app.SignInAsync("thuky.ttud");
        var codes = new List<string>();
        foreach (var name in new[] { "Lô Văn Một", "Lô Thị Hai" })
        {
            await secretary.GotoAsync($"{app.BaseUrl}/ho-so/tao");
            await secretary.FillAsync("#Form_NomineeName", name);
            await secretary.SelectOptionAsync("#Form_AwardForm", "giay-khen");
            await secretary.ClickAsync("button:has-text('Lưu bản nháp')");
            await BrowserAppFactory.WaitForPageAsync(secretary, new Regex("/ho-so/[0-9a-f-]{36}$"));
            codes.Add(Regex.Match(await secretary.InnerTextAsync("h1"), @"HS-\d{4}-\d{6}").Value);
            await secretary.ClickAsync("button:has-text('Gửi hồ sơ')");
        }

        var leader = await app.SignInAsync("lanhdao.ttud");
        await leader.GotoAsync($"{app.BaseUrl}/hop-viec");
        foreach (var code in codes)
            await leader.CheckAsync($"tr[data-dossier='{code}'] input[name=TaskIds]");
        await leader.ClickAsync("button:has-text('Đồng ý các hồ sơ đã chọn')");
        Assert.Equal("2", await leader.InnerTextAsync("#confirm-batch [data-count]"));
        await BrowserAppFactory.ScreenshotAsync(leader, "hop-viec-xac-nhan");
        await leader.ClickAsync("#confirm-batch button:has-text('Xác nhận đồng ý')");
        var message = await leader.InnerTextAsync(".alert.success");
        Assert.Contains("Đã đồng ý 2 hồ sơ", message);
        foreach (var code in codes)
        {
            Assert.Contains(code, message);
            Assert.Equal(0, await leader.Locator($"tr[data-dossier='{code}']").CountAsync());
        }
    }

    [Fact]
    public async Task Wrong_files_are_refused_with_a_clear_message_and_a_bad_import_imports_nothing()
    {
        var secretary = await app.SignInAsync("thuky.ttud");
        await secretary.GotoAsync($"{app.BaseUrl}/ho-so/tao");
        await secretary.FillAsync("#Form_NomineeName", "Kiểm Tra Tệp");
        await secretary.SelectOptionAsync("#Form_AwardForm", "giay-khen");
        await secretary.ClickAsync("button:has-text('Lưu bản nháp')");
        await BrowserAppFactory.WaitForPageAsync(secretary, new Regex("/ho-so/[0-9a-f-]{36}$"));

        await secretary.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "bao-cao.pdf", MimeType = "application/pdf", Buffer = "MZ this is not a pdf"u8.ToArray() });
        await secretary.ClickAsync("button:has-text('Tải lên')");
        Assert.Contains("không phải PDF, Word (.docx) hoặc Excel (.xlsx)", await secretary.InnerTextAsync(".alert.error"));
        Assert.Contains("Chưa có tệp đính kèm", await secretary.InnerTextAsync("main"));

        // Over 20 MB: the page says so before uploading.
        // A file on disk rather than a buffer: Playwright hands the browser the path instead of streaming 21 MB through its protocol.
        var big = Path.Combine(app.Folder, "rat-lon.pdf");
        await File.WriteAllBytesAsync(big, new byte[21 * 1024 * 1024]);
        await secretary.SetInputFilesAsync("input[type=file]", big, new PageSetInputFilesOptions { Timeout = 60_000 });
        Assert.Contains("vượt quá giới hạn 20 MB", await secretary.InnerTextAsync("#upload-error"));

        var bad = XlsxWriter.Write("Danh sách", ThiDua.Infrastructure.Dossiers.DossierImportService.Columns,
        [
            ["Cá nhân", "Trần Nhập Một", "", "Giấy khen của Giám đốc Sở", "skhcn-qng-2024", "2025", "Tốt"],
            ["Người ngoài hành tinh", "", "", "Bằng khen vũ trụ", "", "", ""],
        ]);
        await secretary.GotoAsync($"{app.BaseUrl}/ho-so/nhap-excel");
        await secretary.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "ds.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = bad });
        await secretary.ClickAsync("button:has-text('Nhập')");
        var errors = await secretary.InnerTextAsync("[data-testid=import-errors]");
        Assert.Contains("Bằng khen vũ trụ", errors);
        Assert.Contains("Họ tên / Tên tập thể", errors);
        await BrowserAppFactory.ScreenshotAsync(secretary, "nhap-excel-loi");
        await secretary.GotoAsync($"{app.BaseUrl}/theo-doi?Q=tran nhap mot");
        Assert.Equal("0 hồ sơ", (await secretary.InnerTextAsync("[data-testid=total]")).Trim());

        var good = XlsxWriter.Write("Danh sách", ThiDua.Infrastructure.Dossiers.DossierImportService.Columns,
        [
            ["Cá nhân", "Trần Nhập Một", "", "Giấy khen của Giám đốc Sở", "skhcn-qng-2024", "2025", "Tốt"],
            ["Tập thể", "Phòng Thí Nghiệm Nhập Hai", "", "giay-khen", "", "2025", ""],
        ]);
        await secretary.GotoAsync($"{app.BaseUrl}/ho-so/nhap-excel");
        await secretary.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "ds.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = good });
        await secretary.ClickAsync("button:has-text('Nhập')");
        Assert.Contains("Đã nhập 2 hồ sơ nháp", await secretary.InnerTextAsync("[data-testid=import-ok]"));
        await secretary.GotoAsync($"{app.BaseUrl}/theo-doi?Q=nhap");
        Assert.Equal("2 hồ sơ", (await secretary.InnerTextAsync("[data-testid=total]")).Trim());

        // The filtered list exports to a real .xlsx that reads back with the same rows.
        var download = await secretary.RunAndWaitForDownloadAsync(() => secretary.ClickAsync("[data-testid=export]"));
        await using var stream = await download.CreateReadStreamAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        copy.Position = 0;
        var rows = XlsxReader.ReadFirstSheet(copy);
        Assert.Equal("Mã hồ sơ", rows[0][0]);
        Assert.Equal(["Phòng Thí Nghiệm Nhập Hai", "Trần Nhập Một"], rows.Skip(1).Select(r => r[1]).Order().ToArray());
    }
}

using System.Text.Json.Nodes;
using ThiDua.Infrastructure.Email;
using ThiDua.Workflows.Activities;

namespace ThiDua.Web.Tests.Email;

/// <summary>The template files shipped in emails/ and the rules for filling them in.</summary>
public sealed class EmailTemplateTests : IDisposable
{
    private const string BaseUrl = "https://thidua.quangngai.gov.vn";
    private static readonly Guid DossierId = Guid.Parse("0199d5f2-6c1e-7a4b-9a44-2f6f1b0c3d4e");

    private static readonly string[] Needed =
    [
        "task-assigned", "vote-opened", "dossier-returned", "dossier-rejected", "vote-failed", "level-approved",
        "decision-issued", "reminder", "escalation",
    ];

    /// <summary>Sent by the period-end jobs about a movement, not about one dossier: they link to the application instead.</summary>
    private static readonly string[] MovementTemplates = ["round-opened", "round-reminder", "round-compiled", "report-reminder"];

    private readonly string _scratch = Directory.CreateTempSubdirectory("thidua-templates-").FullName;

    /// <summary>The templates shipped with the application, as the running application finds them.</summary>
    private static EmailTemplateRenderer Shipped() =>
        new(new EmailOptions { BaseUrl = BaseUrl }.Resolve(AppContext.BaseDirectory));

    private EmailTemplateRenderer Scratch(string name, string text)
    {
        File.WriteAllText(Path.Combine(_scratch, name + ".txt"), text);
        return new EmailTemplateRenderer(new EmailOptions { BaseUrl = BaseUrl + "/", TemplatesFolder = _scratch }.Resolve(_scratch));
    }

    private static string Model(params (string Key, string? Value)[] values)
    {
        var model = new JsonObject { ["dossierId"] = DossierId.ToString() };
        foreach (var (key, value) in values)
            model[key] = value;
        return model.ToJsonString();
    }

    private static readonly string FullModel = Model(
        ("dossierCode", "HS-2026-000123"), ("nomineeName", "Nguyễn Thị Ánh Tuyết"), ("awardFormName", "Giấy khen của Giám đốc Sở"),
        ("unitName", "Trung tâm Ứng dụng và Dịch vụ KH&CN"), ("movementName", "Thi đua thực hiện nhiệm vụ năm 2026"), ("period", "2026"),
        ("step", "Thẩm định hồ sơ tại Sở"), ("orgName", "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi"), ("dueAt", "2026-11-09T10:00:00.0000000Z"),
        ("recipientName", "Đặng Thu Trang"), ("statusLabel", "Đang thẩm định tại Sở"), ("actorName", "Lê Văn Hùng"), ("comment", "Bổ sung bản sao quyết định."));

    [Fact]
    public void Every_template_the_product_sends_is_shipped_with_a_subject_a_greeting_and_a_link_to_the_dossier()
    {
        var templates = Shipped();
        foreach (var name in Needed)
        {
            Assert.True(templates.Exists(name), $"emails/{name}.txt is missing from {templates.Folder}");
            var email = templates.Render(name, FullModel);
            Assert.StartsWith("[TĐKT] ", email.Subject);
            Assert.DoesNotContain("{", email.Subject + email.Body);
            Assert.StartsWith("Kính gửi: Đồng chí Đặng Thu Trang\n", email.Body);
            Assert.Contains($"\n{BaseUrl}/ho-so/{DossierId}\n", email.Body);
        }
        foreach (var name in MovementTemplates)
        {
            Assert.True(templates.Exists(name), $"emails/{name}.txt is missing from {templates.Folder}");
            var email = templates.Render(name, Model(("recipientName", "Đặng Thu Trang"), ("movementName", "Thi đua năm 2026"), ("phaseName", "Năm 2026"),
                ("reviewKind", "Sơ kết"), ("deadline", "17:00 11/12/2026"), ("unitName", "Trung tâm Ứng dụng"), ("dossierCount", "3"), ("reportName", "Nhắc báo cáo năm 2026")));
            Assert.StartsWith("[TĐKT] ", email.Subject);
            Assert.DoesNotContain("{", email.Subject + email.Body);
            Assert.StartsWith("Kính gửi: Đồng chí Đặng Thu Trang\n", email.Body);
            Assert.Contains("Thi đua năm 2026", email.Body);
        }
    }

    [Fact]
    public void Every_template_a_workflow_or_the_engine_names_has_a_file()
    {
        var named = new HashSet<string> { EmailTemplates.TaskAssigned, EmailTemplates.VoteOpened };
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflows"), "*.json"))
            foreach (var node in JsonNode.Parse(File.ReadAllText(file))!["nodes"]!.AsArray())
                if (node!["type"]!.GetValue<string>() == "SendEmail")
                    named.Add(node["settings"]!["template"]!.GetValue<string>());

        Assert.Contains("decision-issued", named);
        var templates = Shipped();
        Assert.All(named, name => Assert.True(templates.Exists(name), $"a workflow sends '{name}' but emails/{name}.txt does not exist"));
    }

    [Fact]
    public void The_task_email_tells_the_assignee_what_to_do_by_when_in_Vietnamese()
    {
        var email = Shipped().Render("task-assigned", FullModel);

        Assert.Equal("[TĐKT] Hồ sơ HS-2026-000123 chờ đồng chí xử lý: Thẩm định hồ sơ tại Sở", email.Subject);
        Assert.Contains("  - Đối tượng đề nghị: Nguyễn Thị Ánh Tuyết\n", email.Body);
        Assert.Contains("  - Hạn xử lý: 09/11/2026\n", email.Body);
    }

    [Fact]
    public void Placeholders_are_filled_and_unknown_ones_render_as_nothing()
    {
        var templates = Scratch("thu-nghiem", "Subject: Hồ sơ {dossierCode}{khongCo} – {nomineeName}\n\nHồ sơ {dossierCode} của {nomineeName}{khongCo}.\n{ chữ trong ngoặc } giữ nguyên, {link}\n");

        var email = templates.Render("thu-nghiem", Model(("dossierCode", "HS-1"), ("nomineeName", "Võ Thị Ánh")));

        Assert.Equal("Hồ sơ HS-1 – Võ Thị Ánh", email.Subject);
        Assert.Equal($"Hồ sơ HS-1 của Võ Thị Ánh.\n{{ chữ trong ngoặc }} giữ nguyên, {BaseUrl}/ho-so/{DossierId}\n", email.Body);
    }

    [Fact]
    public void A_line_whose_placeholders_are_all_empty_is_left_out()
    {
        var templates = Scratch("y-kien", "Subject: Trả lại hồ sơ\n\nNgười trả lại: {actorName}\nÝ kiến: {comment}\nHạn: {dueAt} {khongCo}\nHết.\n");

        var without = templates.Render("y-kien", Model(("actorName", "Đặng Thu Trang"), ("comment", "  ")));
        var with = templates.Render("y-kien", Model(("actorName", "Đặng Thu Trang"), ("comment", "Thiếu bản sao.")));

        Assert.Equal("Người trả lại: Đặng Thu Trang\nHết.\n", without.Body);
        Assert.Equal("Người trả lại: Đặng Thu Trang\nÝ kiến: Thiếu bản sao.\nHết.\n", with.Body);
    }

    [Theory]
    [InlineData("2026-11-09T10:00:00.0000000Z", "09/11/2026")]
    // 17:30 UTC is already 00:30 the next day in Vietnam.
    [InlineData("2026-11-09T17:30:00Z", "10/11/2026")]
    [InlineData("2026-12-31T23:00:00+07:00", "31/12/2026")]
    [InlineData("không phải ngày", "không phải ngày")]
    public void Timestamps_show_as_the_date_in_Vietnam(string dueAt, string shown)
    {
        var templates = Scratch("han", "Subject: Hạn {dueAt}\n\nHạn xử lý: {dueAt}\n");

        Assert.Equal($"Hạn xử lý: {shown}\n", templates.Render("han", Model(("dueAt", dueAt))).Body);
    }

    [Fact]
    public void Odd_models_do_not_crash_rendering()
    {
        var templates = Scratch("la", "Subject: {soLan} lần – {tieuDe}\n\n{soLan} {daXong} {rong} {mang}.\n{link}\n");

        var email = templates.Render("la", """{"soLan":3,"daXong":true,"rong":null,"mang":[1,2],"tieuDe":"dòng một\ndòng hai"}""");

        Assert.Equal("3 lần – dòng một dòng hai", email.Subject);
        Assert.Equal($"3 true  .\n{BaseUrl}/\n", email.Body);
        Assert.Equal(new RenderedEmail("Chào", "Hết.\n"), Scratch("rong", "Subject: Chào {ai}\n\nChào {ai}\nHết.\n").Render("rong", ""));
    }

    [Fact]
    public void A_missing_or_malformed_template_is_reported_by_name()
    {
        var templates = Scratch("khong-tieu-de", "Kính gửi: {recipientName}\n");

        var missing = Assert.Throws<EmailTemplateException>(() => templates.Render("mau-khong-co", "{}"));
        var noSubject = Assert.Throws<EmailTemplateException>(() => templates.Render("khong-tieu-de", "{}"));
        var badName = Assert.Throws<EmailTemplateException>(() => templates.Render("../appsettings", "{}"));
        var badModel = Assert.Throws<EmailTemplateException>(() => Shipped().Render("task-assigned", "{không phải json"));

        Assert.Contains("'mau-khong-co'", missing.Message);
        Assert.Contains("mau-khong-co.txt", missing.Message);
        Assert.Contains("Subject:", noSubject.Message);
        Assert.Contains("không hợp lệ", badName.Message);
        Assert.Contains("JSON", badModel.Message);
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}

using Microsoft.AspNetCore.Identity;
using ThiDua.Infrastructure.Movements;
using ThiDua.Infrastructure.Organizations;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Workflows.Runtime;

namespace ThiDua.Infrastructure.Seeding;

/// <summary>
/// The demo organizations, people and movements, taken from the seed plans: Sở KH&CN Quảng Ngãi and its
/// units, Sở Nội vụ and the provincial council, UBND tỉnh Lai Châu, Phòng GD&ĐT Gò Vấp, and the central board.
/// </summary>
public static class DemoDirectory
{
    public const string Password = "ThiDua@2026";

    public static void Add(ThiDuaDbContext db, DateTime now)
    {
        var orgs = new Dictionary<string, Organization>();
        Organization Org(string code, string name, OrganizationKind kind, string? parent, string? function = null)
        {
            var org = new Organization
            {
                Id = Guid.CreateVersion7(), Code = code, Name = name, Kind = kind, Function = function,
                ParentId = parent is null ? null : orgs[parent].Id, SortOrder = orgs.Count,
            };
            orgs[code] = org;
            db.Organizations.Add(org);
            return org;
        }

        Org("bo-noi-vu", "Bộ Nội vụ", OrganizationKind.Central, null);
        Org("ban-tdkt-tw", "Ban Thi đua – Khen thưởng Trung ương", OrganizationKind.Central, "bo-noi-vu", OrgFunctions.CentralBoard);
        Org("ubnd-qng", "UBND tỉnh Quảng Ngãi", OrganizationKind.Province, null);
        Org("snv-qng", "Sở Nội vụ tỉnh Quảng Ngãi", OrganizationKind.Department, "ubnd-qng", OrgFunctions.Interior);
        Org("skhcn-qng", "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi", OrganizationKind.Department, "ubnd-qng");
        Org("hcth-skhcn-qng", "Phòng Hành chính – Tổng hợp (Sở KH&CN)", OrganizationKind.Unit, "skhcn-qng");
        Org("ttud-skhcn-qng", "Trung tâm Ứng dụng và Dịch vụ KH&CN", OrganizationKind.Unit, "skhcn-qng");
        Org("ubnd-lch", "UBND tỉnh Lai Châu", OrganizationKind.Province, null);
        Org("snv-lch", "Sở Nội vụ tỉnh Lai Châu", OrganizationKind.Department, "ubnd-lch", OrgFunctions.Interior);
        Org("ubnd-hcm", "UBND Thành phố Hồ Chí Minh", OrganizationKind.Province, null);
        Org("snv-hcm", "Sở Nội vụ Thành phố Hồ Chí Minh", OrganizationKind.Department, "ubnd-hcm", OrgFunctions.Interior);
        Org("gddt-govap", "Phòng Giáo dục và Đào tạo Gò Vấp", OrganizationKind.Department, "ubnd-hcm");
        Org("thcs-nguyen-du-govap", "Trường THCS Nguyễn Du (Gò Vấp)", OrganizationKind.Unit, "gddt-govap");

        // One hash for every demo account: hashing is deliberately slow and they share the demo password.
        var hash = new PasswordHasher<AppUser>().HashPassword(null!, Password);
        void User(string username, string name, string? title, params (string Role, string Org)[] roles)
        {
            var user = new AppUser
            {
                Id = Guid.CreateVersion7(), Username = username, DisplayName = name, Title = title,
                Email = $"{username}@thidua.local", PasswordHash = hash, CreatedAt = now,
            };
            db.Users.Add(user);
            foreach (var (role, org) in roles)
                db.UserRoles.Add(new UserRole { Id = Guid.CreateVersion7(), UserId = user.Id, OrgId = orgs[org].Id, Role = role });
        }

        User("admin", "Quản trị hệ thống", "Quản trị hệ thống", (Roles.SystemAdmin, "bo-noi-vu"), (Roles.WorkflowAdmin, "bo-noi-vu"));
        User("quantri.quytrinh", "Phạm Quốc Huy", "Quản trị quy trình", (Roles.WorkflowAdmin, "bo-noi-vu"));
        User("thuky.ttud", "Trần Thị Mai", "Văn thư – Trung tâm Ứng dụng", (Roles.Secretary, "ttud-skhcn-qng"));
        User("lanhdao.ttud", "Lê Văn Hùng", "Giám đốc Trung tâm Ứng dụng và Dịch vụ KH&CN", (Roles.Leader, "ttud-skhcn-qng"));
        User("thuky.hcth", "Nguyễn Thị Hoa", "Văn thư – Phòng Hành chính – Tổng hợp", (Roles.Secretary, "hcth-skhcn-qng"));
        User("lanhdao.hcth", "Võ Minh Tâm", "Chánh Văn phòng Sở KH&CN", (Roles.Leader, "hcth-skhcn-qng"));
        User("thuky.skhcn", "Đặng Thu Trang", "Chuyên viên TĐKT – Thường trực Hội đồng Sở KH&CN", (Roles.Secretary, "skhcn-qng"));
        User("lanhdao.skhcn", "Huỳnh Văn Phúc", "Giám đốc Sở KH&CN Quảng Ngãi", (Roles.Leader, "skhcn-qng"));
        string[] soCouncil = ["Nguyễn Văn An", "Trương Thị Bích", "Phan Văn Cường", "Lý Thị Dung", "Bùi Quang Đức"];
        for (var i = 0; i < soCouncil.Length; i++)
            User($"hd.skhcn.{i + 1}", soCouncil[i], "Thành viên Hội đồng TĐKT Sở KH&CN", (Roles.CouncilMember, "skhcn-qng"));
        User("chuyenvien.snv", "Hoàng Thị Lan", "Chuyên viên Ban TĐKT – Sở Nội vụ Quảng Ngãi", (Roles.Secretary, "snv-qng"));
        User("lanhdao.snv", "Đỗ Văn Nam", "Giám đốc Sở Nội vụ Quảng Ngãi", (Roles.Leader, "snv-qng"));
        string[] provinceCouncil = ["Ngô Thanh Hải", "Đinh Thị Hằng", "Vũ Văn Khánh", "Tạ Thị Liên", "Mai Xuân Long"];
        for (var i = 0; i < provinceCouncil.Length; i++)
            User($"hd.tinh.{i + 1}", provinceCouncil[i], "Thành viên Hội đồng TĐKT tỉnh Quảng Ngãi", (Roles.CouncilMember, "ubnd-qng"));
        User("lanhdao.ubnd", "Nguyễn Hoàng Sơn", "Chủ tịch UBND tỉnh Quảng Ngãi", (Roles.Leader, "ubnd-qng"));
        User("chuyenvien.tw", "Lương Thị Thu", "Chuyên viên Ban TĐKT Trung ương", (Roles.Secretary, "ban-tdkt-tw"));
        User("lanhdao.tw", "Trịnh Văn Quang", "Trưởng ban Ban TĐKT Trung ương", (Roles.Leader, "ban-tdkt-tw"));
        User("lanhdao.laichau", "Giàng A Dình", "Chủ tịch UBND tỉnh Lai Châu", (Roles.Leader, "ubnd-lch"));
        User("chuyenvien.snv.laichau", "Lò Thị Ngọc", "Chuyên viên TĐKT – Sở Nội vụ Lai Châu", (Roles.Secretary, "snv-lch"));
        User("thuky.govap", "Phạm Thị Ngân", "Văn thư – Trường THCS Nguyễn Du", (Roles.Secretary, "thcs-nguyen-du-govap"));
        User("lanhdao.govap", "Trần Văn Bình", "Hiệu trưởng Trường THCS Nguyễn Du", (Roles.Leader, "thcs-nguyen-du-govap"));
        User("thuky.pgddt.govap", "Lê Thị Kim", "Chuyên viên TĐKT – Phòng GD&ĐT Gò Vấp", (Roles.Secretary, "gddt-govap"));
        User("lanhdao.pgddt.govap", "Nguyễn Minh Trí", "Trưởng phòng GD&ĐT Gò Vấp", (Roles.Leader, "gddt-govap"));

        const string all = "giay-khen,bang-khen-tinh,bang-khen-thu-tuong,huan-chuong-lao-dong-hang-ba";
        const string infra = "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí";
        Movement Add(string code, string name, string number, DateOnly date, string reference, string owner, string awards, string? semiAnnual, string? annual, params string[] participants)
        {
            var m = new Movement
            {
                Id = Guid.CreateVersion7(), Code = code, Name = name, PlanNumber = number, PlanDate = date, PlanReference = reference,
                OwnerOrgId = orgs[owner].Id, AllowedAwardForms = awards, SemiAnnualReportDue = semiAnnual, AnnualReportDue = annual, ScheduleFrom = now,
            };
            db.Movements.Add(m);
            foreach (var p in participants)
                db.MovementParticipants.Add(new MovementParticipant { MovementId = m.Id, OrgId = orgs[p].Id });
            return m;
        }
        void Phases(Movement m, DateOnly soKet, DateOnly tongKet)
        {
            db.MovementPhases.Add(new MovementPhase { Id = Guid.CreateVersion7(), MovementId = m.Id, Name = "Giai đoạn 2022–2025", StartYear = 2022, EndYear = 2025, ReviewKind = ReviewKinds.SoKet, ReviewDate = soKet });
            db.MovementPhases.Add(new MovementPhase { Id = Guid.CreateVersion7(), MovementId = m.Id, Name = "Giai đoạn 2026–2030", StartYear = 2026, EndYear = 2030, ReviewKind = ReviewKinds.TongKet, ReviewDate = tongKet });
        }

        // The national movement of QĐ 1478/QĐ-TTg (28/11/2022) as three of its implementers run it: reports every 6 months and yearly.
        Phases(Add("ha-tang-qng-skhcn", infra + " (Sở KH&CN Quảng Ngãi)", "42/KH-UBND", new DateOnly(2023, 3, 3),
            "Kế hoạch 42/KH-UBND ngày 03/3/2023 của UBND tỉnh Quảng Ngãi; QĐ 1478/QĐ-TTg ngày 28/11/2022", "skhcn-qng", all, "06-15", "12-10",
            "ttud-skhcn-qng", "hcth-skhcn-qng"), new DateOnly(2025, 12, 15), new DateOnly(2030, 11, 20));
        Phases(Add("ha-tang-lai-chau", "Lai Châu đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí", "KH/UBND tỉnh Lai Châu", new DateOnly(2023, 2, 1),
            "Kế hoạch của UBND tỉnh Lai Châu triển khai QĐ 1478/QĐ-TTg ngày 28/11/2022", "ubnd-lch", all, "06-15", "12-15",
            "snv-lch"), new DateOnly(2025, 12, 10), new DateOnly(2030, 11, 15));
        Phases(Add("ha-tang-go-vap", infra + " (ngành GD&ĐT Gò Vấp)", "656/GDĐT-TĐ", new DateOnly(2023, 6, 16),
            "Kế hoạch 656/GDĐT-TĐ ngày 16/6/2023 của Phòng GD&ĐT Gò Vấp, thực hiện KH 2268/KH-UBND ngày 31/5/2023", "gddt-govap", all, "06-10", "12-05",
            "thcs-nguyen-du-govap"), new DateOnly(2025, 12, 5), new DateOnly(2030, 11, 10));
        // Sở KH&CN's annual movement for 2024 (KH 10/KH-UBND of the province): one tổng kết at the start of 2025.
        var annual = Add("skhcn-qng-2024", "Thi đua thực hiện thắng lợi các mục tiêu, nhiệm vụ, kế hoạch công tác năm 2024 của Sở KH&CN Quảng Ngãi", "KH/SKHCN", new DateOnly(2024, 3, 7),
            "Kế hoạch ngày 07/3/2024 của Sở KH&CN, thực hiện Kế hoạch 10/KH-UBND ngày 19/01/2024 của UBND tỉnh", "skhcn-qng", "giay-khen,bang-khen-tinh", "06-15", "12-10",
            "ttud-skhcn-qng", "hcth-skhcn-qng");
        db.MovementPhases.Add(new MovementPhase { Id = Guid.CreateVersion7(), MovementId = annual.Id, Name = "Năm 2024", StartYear = 2024, EndYear = 2024, ReviewKind = ReviewKinds.TongKet, ReviewDate = new DateOnly(2025, 1, 15) });
    }
}

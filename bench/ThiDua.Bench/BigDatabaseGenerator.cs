using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ThiDua.Bench;

/// <summary>
/// Writes a national-scale database straight into SQLite (big transactions, prepared statements): 63 provinces,
/// each with its Sở Nội vụ, 15 Sở and 8 units per Sở (7,560 units); a secretary and a leader per organization;
/// N dossiers over ten years, skewed towards some units, with the states, levels, access grants, instances and
/// bookmarks the application would have written (finished dossiers carry two completed tasks, dossiers in flight
/// an open sub-workflow bookmark and an open task or vote at their level), plus the given number of pending timers.
/// The journal is not generated: none of the measured queries reads it.
/// Rows use EF Core's SQLite formats (upper-case GUID text, "yyyy-MM-dd HH:mm:ss.FFFFFFF" dates).
/// </summary>
public static class BigDatabaseGenerator
{
    public const int Provinces = 63;
    public const int DepartmentsPerProvince = 15;
    public const int UnitsPerDepartment = 8;

    private static readonly string[] ProvinceNames = ["Quảng Ngãi", "Lai Châu", "Hà Giang", "Cao Bằng", "Lào Cai", "Yên Bái", "Sơn La", "Điện Biên", "Hòa Bình", "Thái Nguyên", "Lạng Sơn", "Bắc Giang", "Phú Thọ", "Vĩnh Phúc", "Bắc Ninh", "Hải Dương", "Hưng Yên", "Thái Bình", "Nam Định", "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế", "Quảng Nam", "Bình Định", "Phú Yên", "Khánh Hòa", "Ninh Thuận", "Bình Thuận", "Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng", "Bình Phước", "Tây Ninh", "Bình Dương", "Đồng Nai", "Bà Rịa – Vũng Tàu", "Long An", "Tiền Giang", "Bến Tre", "Trà Vinh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang", "Cần Thơ", "Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau", "Hà Nam", "Quảng Ninh", "Hải Phòng", "Đà Nẵng", "Bắc Kạn", "Tuyên Quang", "Hà Nội", "Thành phố Hồ Chí Minh"];
    private static readonly string[] DepartmentNames = ["Khoa học và Công nghệ", "Giáo dục và Đào tạo", "Y tế", "Tài chính", "Xây dựng", "Giao thông vận tải", "Nông nghiệp và Phát triển nông thôn", "Công Thương", "Tư pháp", "Văn hóa, Thể thao và Du lịch", "Tài nguyên và Môi trường", "Lao động – Thương binh và Xã hội", "Kế hoạch và Đầu tư", "Thông tin và Truyền thông", "Ngoại vụ"];
    private static readonly string[] UnitNames = ["Văn phòng Sở", "Thanh tra Sở", "Phòng Kế hoạch – Tài chính", "Phòng Quản lý chuyên ngành", "Trung tâm Dịch vụ", "Chi cục", "Trung tâm Thông tin", "Ban Quản lý dự án"];

    private sealed record Org(string Id, string Code, string Name, int Kind, string? Function, string? ParentId);

    public static string Format(DateTime d) => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public static string Id(Guid g) => g.ToString().ToUpperInvariant();

    public static void Generate(string path, int dossierCount, int timerCount, DateTime now)
    {
        var sw = Stopwatch.StartNew();
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        Sqlite.Exec(c, "PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-400000; PRAGMA temp_store=MEMORY;");
        var rng = new Random(20261123);
        var hash = Sqlite.Scalar<string>(c, "SELECT PasswordHash FROM Users WHERE Username = 'admin'");
        var central = Sqlite.Scalar<string>(c, "SELECT Id FROM Organizations WHERE Code = 'ban-tdkt-tw'");
        var movements = Query(c, "SELECT Id FROM Movements").Select(r => r[0]).ToArray();
        var definitions = Query(c, "SELECT DefinitionId, MAX(Version) FROM DefinitionVersions GROUP BY DefinitionId").ToDictionary(r => r[0], r => int.Parse(r[1], CultureInfo.InvariantCulture));

        // Organizations and their people.
        var provinces = new List<Org>();
        var interiors = new List<Org>();
        var departments = new List<Org>();
        var units = new List<Org>();
        var tx = c.BeginTransaction();
        var orgCmd = Prepare(c, tx, "INSERT INTO Organizations (Id, Code, Name, Kind, Function, ParentId, Email, SortOrder) VALUES ($1,$2,$3,$4,$5,$6,NULL,$7)", 7);
        var userCmd = Prepare(c, tx, "INSERT INTO Users (Id, Username, DisplayName, Title, Email, PasswordHash, IsActive, FailedLogins, LockedUntil, CreatedAt) VALUES ($1,$2,$3,$4,$5,$6,1,0,NULL,$7)", 7);
        var roleCmd = Prepare(c, tx, "INSERT INTO UserRoles (Id, UserId, OrgId, Role) VALUES ($1,$2,$3,$4)", 4);
        var sort = 100;
        Org AddOrg(string code, string name, int kind, string? function, string? parent)
        {
            var org = new Org(Id(Guid.CreateVersion7()), code, name, kind, function, parent);
            Run(orgCmd, org.Id, code, name, kind, function, parent, sort++);
            return org;
        }
        var userNo = 0;
        void AddUser(string username, string role, Org org)
        {
            var id = Id(Guid.CreateVersion7());
            Run(userCmd, id, username, Names.Person(1_000_000 + userNo++), role == "Leader" ? "Lãnh đạo" : "Chuyên viên", username + "@thidua.local", hash, Format(now));
            Run(roleCmd, Id(Guid.CreateVersion7()), id, org.Id, role);
        }
        for (var p = 0; p < Provinces; p++)
        {
            var province = AddOrg($"bench-p{p}", $"UBND tỉnh {ProvinceNames[p]} (bench)", 1, null, null);
            provinces.Add(province);
            AddUser($"bench.p{p}.lanhdao", "Leader", province);
            for (var k = 1; k <= 5; k++)
                AddUser($"bench.p{p}.hd{k}", "CouncilMember", province);
            var interior = AddOrg($"bench-p{p}-snv", $"Sở Nội vụ tỉnh {ProvinceNames[p]} (bench)", 2, "noi-vu", province.Id);
            interiors.Add(interior);
            AddUser($"bench.p{p}.snv.thuky", "Secretary", interior);
            AddUser($"bench.p{p}.snv.lanhdao", "Leader", interior);
            for (var d = 0; d < DepartmentsPerProvince; d++)
            {
                var dept = AddOrg($"bench-p{p}-d{d}", $"Sở {DepartmentNames[d]} tỉnh {ProvinceNames[p]} (bench)", 2, null, province.Id);
                departments.Add(dept);
                AddUser($"bench.p{p}.d{d}.thuky", "Secretary", dept);
                AddUser($"bench.p{p}.d{d}.lanhdao", "Leader", dept);
                for (var k = 1; k <= 5; k++)
                    AddUser($"bench.p{p}.d{d}.hd{k}", "CouncilMember", dept);
                for (var u = 0; u < UnitsPerDepartment; u++)
                {
                    var unit = AddOrg($"bench-p{p}-d{d}-u{u}", $"{UnitNames[u]} – Sở {DepartmentNames[d]} {ProvinceNames[p]}", 4, null, dept.Id);
                    units.Add(unit);
                    AddUser($"bench.p{p}.d{d}.u{u}.thuky", "Secretary", unit);
                    AddUser($"bench.p{p}.d{d}.u{u}.lanhdao", "Leader", unit);
                }
            }
        }
        tx.Commit();
        var unitSecretaries = Query(c, "SELECT r.OrgId, r.UserId FROM UserRoles r JOIN Organizations o ON o.Id = r.OrgId WHERE r.Role = 'Secretary' AND o.Code LIKE 'bench-p%-u%'").ToDictionary(r => r[0], r => r[1]);
        Console.WriteLine($"    organizations and {userNo:N0} users in {sw.Elapsed.TotalSeconds:0} s");

        // Dossiers with everything that hangs off them.
        string[] awards = ["giay-khen", "bang-khen-tinh", "bang-khen-thu-tuong", "huan-chuong-lao-dong-hang-ba"];
        string[] levels = ["Đơn vị", "Sở/ngành", "Tỉnh", "Trung ương"];
        tx = c.BeginTransaction();
        var dossierCmd = Prepare(c, tx, """
            INSERT INTO Dossiers (Id, Code, NomineeKind, NomineeName, NomineeSearch, NomineeTitle, AwardFormCode, UnitOrgId, MovementId, Period, Summary,
                State, StatusLabel, Level, Result, InstanceId, CreatedBy, CreatedAt, SubmittedBy, SubmittedAt, UpdatedAt, CompletedAt, Version)
            VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23)
            """, 23);
        var accessCmd = Prepare(c, tx, "INSERT OR IGNORE INTO DossierAccess (OrgId, DossierId) VALUES ($1,$2)", 2);
        var instanceCmd = Prepare(c, tx, """
            INSERT INTO WorkflowInstances (Id, DefinitionId, DefinitionVersion, DossierId, ParentInstanceId, ParentBookmarkId, Status, Result, StatusLabel, Level, StateJson, FaultMessage, CreatedAt, UpdatedAt, CompletedAt, Version)
            VALUES ($1,$2,$3,$4,NULL,NULL,$5,$6,$7,$8,'{}',NULL,$9,$10,$11,$12)
            """, 12);
        var bookmarkCmd = Prepare(c, tx, """
            INSERT INTO Bookmarks (Id, InstanceId, DossierId, NodeId, NodeName, Kind, Status, AssigneeRole, AssigneeOrgId, AssigneeOrgName, AssigneeUserId, AllowedOutcomes, CommentRequiredFor,
                CreatedAt, DueAt, ResumeAt, EscalatedAt, CompletedAt, CompletedByUserId, CompletedByName, Outcome, Comment, IdempotencyKey, VoteMembers, VoteQuorum, VoteThreshold, VoteSecret, VoteYes, VoteNo, ChildInstanceId, Version)
            VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,NULL,$17,$18,$19,$20,NULL,NULL,$21,$22,$23,$24,$25,0,NULL,$26)
            """, 26);
        var inFlight = new List<(string Dossier, string Instance, DateTime Created)>();
        var start = new DateTime(2017, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var span = (now - start).TotalDays;
        for (var i = 0; i < dossierCount; i++)
        {
            if (i > 0 && i % 100_000 == 0)
            {
                tx.Commit();
                tx = c.BeginTransaction();
                foreach (var cmd in new[] { dossierCmd, accessCmd, instanceCmd, bookmarkCmd })
                    cmd.Transaction = tx;
                Console.WriteLine($"    {i:N0} dossiers ({sw.Elapsed.TotalSeconds:0} s)");
            }
            // Some units nominate far more than others.
            var unitIndex = (int)(Math.Pow(rng.NextDouble(), 1.7) * units.Count);
            var unit = units[unitIndex];
            var dept = departments[unitIndex / UnitsPerDepartment];
            var province = provinces[unitIndex / (UnitsPerDepartment * DepartmentsPerProvince)];
            var interior = interiors[unitIndex / (UnitsPerDepartment * DepartmentsPerProvince)];
            var r = rng.NextDouble();
            var award = r < 0.60 ? 0 : r < 0.88 ? 1 : r < 0.97 ? 2 : 3;
            var topLevel = award switch { 0 => 1, 1 => 2, _ => 3 };
            r = rng.NextDouble();
            var state = r < 0.03 ? "Draft" : r < 0.08 ? "InProgress" : r < 0.09 ? "Returned" : r < 0.87 ? "Approved" : r < 0.97 ? "Rejected" : "Withdrawn";
            var flying = state is "InProgress" or "Returned";
            var created = flying || state == "Draft"
                ? now.AddDays(-rng.NextDouble() * 180)
                : start.AddDays(span * i / dossierCount + rng.NextDouble() * 30);
            if (created > now)
                created = now.AddDays(-1);
            var updated = flying || state == "Draft" ? created.AddDays(rng.NextDouble() * (now - created).TotalDays) : created.AddDays(10 + rng.NextDouble() * 80);
            if (updated > now)
                updated = now.AddMinutes(-rng.Next(1, 10_000));
            int? level = state switch
            {
                "Draft" => (int?)null,
                "InProgress" => rng.Next(topLevel + 1),
                "Returned" => rng.Next(topLevel + 1),
                "Approved" => topLevel,
                _ => rng.Next(topLevel + 1),
            };
            var kindRoll = rng.NextDouble();
            var kind = kindRoll < 0.80 ? "individual" : kindRoll < 0.98 ? "collective" : "household";
            var name = kind == "individual" ? Names.Person(i) : kind == "collective" ? $"{Names.Team(i)} – {UnitNames[unitIndex % UnitNames.Length]}" : $"Hộ gia đình ông/bà {Names.Person(i)}";
            var dossierId = Id(Guid.CreateVersion7());
            var instanceId = state == "Draft" ? null : Id(Guid.CreateVersion7());
            var secretary = unitSecretaries[unit.Id];
            var label = state switch
            {
                "Draft" => null,
                "InProgress" => $"Đang xét tại cấp {levels[level!.Value]}",
                "Returned" => "Bị trả lại – chờ đơn vị bổ sung",
                "Approved" => "Đã có quyết định khen thưởng",
                "Rejected" => "Không được đề nghị khen thưởng",
                _ => "Đơn vị đã rút hồ sơ",
            };
            var finished = state is "Approved" or "Rejected" or "Withdrawn";
            Run(dossierCmd, dossierId, $"HS-{created.Year}-{i:0000000}", kind, name, ThiDua.Infrastructure.Text.SearchText.Fold(name), kind == "individual" ? "Chuyên viên" : null,
                awards[award], unit.Id, rng.NextDouble() < 0.5 ? movements[rng.Next(movements.Length)] : null, created.Year.ToString(CultureInfo.InvariantCulture),
                "Hoàn thành xuất sắc nhiệm vụ được giao; có sáng kiến được công nhận và áp dụng hiệu quả tại đơn vị.",
                state, label, level is { } l ? levels[l] : null, finished ? state : null, instanceId, secretary, Format(created),
                state == "Draft" ? null : secretary, state == "Draft" ? null : Format(created.AddHours(2)), Format(updated), finished ? Format(updated) : null, finished ? 12 : 3);

            Run(accessCmd, unit.Id, dossierId);
            if (state == "Draft")
                continue;
            Run(accessCmd, dept.Id, dossierId);
            Run(accessCmd, province.Id, dossierId);
            if (level >= 2)
                Run(accessCmd, interior.Id, dossierId);
            if (level >= 3)
                Run(accessCmd, central, dossierId);

            Run(instanceCmd, instanceId, awards[award], definitions.GetValueOrDefault(awards[award], 1), dossierId, finished ? 1 : 0, finished ? state : null, label, level is { } lv ? levels[lv] : null,
                Format(created), Format(updated), finished ? Format(updated) : null, finished ? 20 : 6);
            // Two decisions already taken (the unit leader's and one more).
            for (var k = 0; k < 2; k++)
                Run(bookmarkCmd, Id(Guid.CreateVersion7()), instanceId, dossierId, k == 0 ? "ld-don-vi" : "tiep-nhan", k == 0 ? "Lãnh đạo đơn vị xét, ký đề nghị" : "Tiếp nhận hồ sơ tại Sở", 0, 1,
                    k == 0 ? "Leader" : "Secretary", k == 0 ? unit.Id : dept.Id, k == 0 ? unit.Name : dept.Name, null, "Approve,Return,Reject", "Return,Reject",
                    Format(created.AddHours(2 + k)), Format(created.AddDays(7 + k)), null, Format(created.AddDays(1 + k)), null, "Lãnh đạo", "Approve", null, null, null, 0, 0, 2);
            if (!flying)
                continue;

            inFlight.Add((dossierId, instanceId!, created));
            var since = updated;
            var due = since.AddDays(rng.Next(3, 15));
            // The parent's open call to the level's sub-workflow.
            Run(bookmarkCmd, Id(Guid.CreateVersion7()), instanceId, dossierId, "goi-cap", "Xét tại cấp " + levels[level!.Value], 3, 0, null, null, null, null, "Approved,Rejected,Withdrawn", "",
                Format(since), null, null, null, null, null, null, null, null, null, 0, 0, 0);
            if (state == "Returned")
            {
                Run(bookmarkCmd, Id(Guid.CreateVersion7()), instanceId, dossierId, "bs-bo-sung", "Đơn vị bổ sung, gửi lại hồ sơ", 0, 0, null, unit.Id, unit.Name, secretary, "Resubmit,Withdraw", "Withdraw",
                    Format(since), Format(due), null, null, null, null, null, null, null, null, 0, 0, 0);
                continue;
            }
            var (org, role, node, nodeName, isVote) = level switch
            {
                0 => (unit, "Leader", "ld-don-vi", "Lãnh đạo đơn vị xét, ký đề nghị", false),
                1 => rng.Next(4) switch
                {
                    0 => (dept, "Secretary", "tiep-nhan", "Tiếp nhận hồ sơ tại Sở", false),
                    1 => (dept, "Secretary", "tham-dinh", "Thẩm định hồ sơ tại Sở", false),
                    2 => (dept, "CouncilMember", "hd-so", "Hội đồng TĐKT Sở bỏ phiếu", true),
                    _ => (dept, "Leader", "giam-doc-so", "Giám đốc Sở quyết định / trình cấp trên", false),
                },
                2 => rng.Next(4) switch
                {
                    0 => (interior, "Secretary", "snv-tiep-nhan", "Sở Nội vụ tiếp nhận hồ sơ", false),
                    1 => (interior, "Leader", "snv-ky", "Giám đốc Sở Nội vụ ký tờ trình", false),
                    2 => (province, "CouncilMember", "hd-tinh", "Hội đồng TĐKT tỉnh bỏ phiếu", true),
                    _ => (province, "Leader", "ct-ubnd", "Chủ tịch UBND tỉnh quyết định / trình Thủ tướng", false),
                },
                _ => (new Org(central, "ban-tdkt-tw", "Ban Thi đua – Khen thưởng Trung ương", 0, null, null), "Secretary", "tw-tiep-nhan", "Ban TĐKT TW tiếp nhận hồ sơ", false),
            };
            Run(bookmarkCmd, Id(Guid.CreateVersion7()), instanceId, dossierId, node, nodeName, isVote ? 1 : 0, 0, role, org.Id, org.Name, null,
                isVote ? "" : "Approve,Return,Reject", isVote ? "" : "Return,Reject", Format(since), Format(due), null, null, null, null, null,
                isVote ? 5 : null, isVote ? 0.6667 : null, isVote ? 0.5 : null, 0, 0, 0);
        }
        tx.Commit();
        Console.WriteLine($"    {dossierCount:N0} dossiers, {inFlight.Count:N0} in flight ({sw.Elapsed.TotalSeconds:0} s)");

        tx = c.BeginTransaction();
        bookmarkCmd.Transaction = tx;
        for (var t = 0; t < timerCount; t++)
        {
            var (dossier, instance, created) = inFlight[t % inFlight.Count];
            Run(bookmarkCmd, Id(Guid.CreateVersion7()), instance, dossier, "cong-khai", "Công khai 10 ngày làm việc", 2, 0, null, null, null, null, "", "",
                Format(created), null, Format(now.AddHours(1 + rng.NextDouble() * 24 * 60)), null, null, null, null, null, null, null, 0, 0, 0);
        }
        tx.Commit();
        Console.WriteLine($"    {timerCount:N0} pending timers ({sw.Elapsed.TotalSeconds:0} s)");
        // Overdue tasks were escalated when they fell due (once each), so the hourly escalation job has nothing to catch up on.
        using (var escalated = c.CreateCommand())
        {
            escalated.CommandText = "UPDATE Bookmarks SET EscalatedAt = DueAt WHERE Status = 0 AND DueAt < $now";
            escalated.Parameters.AddWithValue("$now", Format(now));
            escalated.ExecuteNonQuery();
        }
        Sqlite.Exec(c, "PRAGMA wal_checkpoint(TRUNCATE)");
    }

    private static SqliteCommand Prepare(SqliteConnection c, SqliteTransaction tx, string sql, int parameters)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        for (var i = 1; i <= parameters; i++)
            cmd.Parameters.Add(new SqliteParameter("$" + i.ToString(CultureInfo.InvariantCulture), DBNull.Value));
        return cmd;
    }

    private static void Run(SqliteCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        cmd.ExecuteNonQuery();
    }

    public static List<string[]> Query(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!).ToArray());
        return rows;
    }
}

using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace ThiDua.Bench;

/// <summary>
/// The storage limit: a plain Microsoft.Data.Sqlite loop of approval-shaped transactions on one connection —
/// a conditional UPDATE of a version column (optimistic concurrency, as the engine does on its instance) and three
/// INSERTs (journal entry, next task, outbox email), each in its own committed transaction. Same WAL file setup
/// and synchronous level as the application, and the same SQLite process settings: its commits too are written to the
/// log in one call (<c>SqliteWalWriteBuffer</c>), so the engine is not measured against a slower loop.
/// </summary>
public static class RawLimit
{
    public static double Run(BenchOptions options, string synchronous, Report report)
    {
        var perSecond = Measure(options, synchronous, TimeSpan.FromSeconds(options.Quick ? 2 : 6));
        report.Add($"raw limit, synchronous={synchronous} (ADO.NET, UPDATE+3 INSERT per tx)", perSecond, "N0", "tx/s");
        return perSecond;
    }

    /// <summary>Approval-shaped transactions per second over <paramref name="duration"/>, on a fresh file.</summary>
    public static double Measure(BenchOptions options, string synchronous, TimeSpan duration)
    {
        var path = Path.Combine(options.DataFolder, $"raw-{synchronous.ToLowerInvariant()}.db");
        Sqlite.Delete(path);
        using var c = new SqliteConnection($"Data Source={path}");
        c.Open();
        Sqlite.Exec(c, "PRAGMA journal_mode=WAL");
        Sqlite.Exec(c, $"PRAGMA synchronous={synchronous}");
        Sqlite.Exec(c, """
            CREATE TABLE Instances (Id TEXT PRIMARY KEY, Version INTEGER NOT NULL, StateJson TEXT NOT NULL, UpdatedAt TEXT NOT NULL);
            CREATE TABLE Journal (Id TEXT PRIMARY KEY, InstanceId TEXT NOT NULL, DossierId TEXT NOT NULL, At TEXT NOT NULL, Sequence INTEGER NOT NULL, Kind TEXT NOT NULL, NodeName TEXT, ActorName TEXT, Outcome TEXT, Comment TEXT);
            CREATE INDEX IX_Journal_DossierId_Sequence ON Journal (DossierId, Sequence);
            CREATE TABLE Bookmarks (Id TEXT PRIMARY KEY, InstanceId TEXT NOT NULL, DossierId TEXT NOT NULL, NodeName TEXT NOT NULL, Status INTEGER NOT NULL, AssigneeOrgId TEXT, AssigneeRole TEXT, CreatedAt TEXT NOT NULL, Version INTEGER NOT NULL);
            CREATE INDEX IX_Bookmarks_Status_Org_Role ON Bookmarks (Status, AssigneeOrgId, AssigneeRole);
            CREATE TABLE Outbox (Id TEXT PRIMARY KEY, Template TEXT NOT NULL, ToAddress TEXT NOT NULL, ModelJson TEXT NOT NULL, Status INTEGER NOT NULL, NextAttemptAt TEXT, Version INTEGER NOT NULL);
            CREATE INDEX IX_Outbox_Status_NextAttemptAt ON Outbox (Status, NextAttemptAt);
            """);
        const int instances = 10_000;
        var ids = new Guid[instances];
        var versions = new int[instances];
        using (var tx = c.BeginTransaction())
        {
            using var ins = c.CreateCommand();
            ins.CommandText = "INSERT INTO Instances VALUES ($id, 0, '{}', $at)";
            var pId = ins.Parameters.Add("$id", SqliteType.Text);
            ins.Parameters.AddWithValue("$at", DateTime.UtcNow.ToString("O"));
            for (var i = 0; i < instances; i++)
            {
                ids[i] = Guid.CreateVersion7();
                pId.Value = ids[i].ToString();
                ins.ExecuteNonQuery();
            }
            tx.Commit();
        }

        using var update = c.CreateCommand();
        update.CommandText = "UPDATE Instances SET Version = Version + 1, StateJson = $state, UpdatedAt = $at WHERE Id = $id AND Version = $v";
        var uId = update.Parameters.Add("$id", SqliteType.Text);
        var uV = update.Parameters.Add("$v", SqliteType.Integer);
        var uAt = update.Parameters.Add("$at", SqliteType.Text);
        update.Parameters.AddWithValue("$state", "{\"joins\":{},\"variables\":{}}");
        using var journal = c.CreateCommand();
        journal.CommandText = "INSERT INTO Journal VALUES ($id, $inst, $dossier, $at, $seq, 'TaskCompleted', 'Lãnh đạo đơn vị xét, ký đề nghị', 'Lê Văn Hùng', 'Approve', 'Đồng ý đề nghị')";
        var jId = journal.Parameters.Add("$id", SqliteType.Text);
        var jInst = journal.Parameters.Add("$inst", SqliteType.Text);
        var jDossier = journal.Parameters.Add("$dossier", SqliteType.Text);
        var jAt = journal.Parameters.Add("$at", SqliteType.Text);
        var jSeq = journal.Parameters.Add("$seq", SqliteType.Integer);
        using var bookmark = c.CreateCommand();
        bookmark.CommandText = "INSERT INTO Bookmarks VALUES ($id, $inst, $dossier, 'Tiếp nhận hồ sơ tại Sở', 0, $org, 'Secretary', $at, 0)";
        var bId = bookmark.Parameters.Add("$id", SqliteType.Text);
        var bInst = bookmark.Parameters.Add("$inst", SqliteType.Text);
        var bDossier = bookmark.Parameters.Add("$dossier", SqliteType.Text);
        var bOrg = bookmark.Parameters.Add("$org", SqliteType.Text);
        var bAt = bookmark.Parameters.Add("$at", SqliteType.Text);
        using var outbox = c.CreateCommand();
        outbox.CommandText = "INSERT INTO Outbox VALUES ($id, 'task-assigned', 'thuky.skhcn@thidua.local', $model, 0, $at, 0)";
        var oId = outbox.Parameters.Add("$id", SqliteType.Text);
        var oAt = outbox.Parameters.Add("$at", SqliteType.Text);
        outbox.Parameters.AddWithValue("$model", "{\"dossierCode\":\"HS-2026-000123\",\"nomineeName\":\"Nguyễn Văn Thành\",\"recipientName\":\"Đặng Thu Trang\",\"step\":\"Tiếp nhận hồ sơ tại Sở\",\"orgName\":\"Sở Khoa học và Công nghệ tỉnh Quảng Ngãi\"}");
        var org = Guid.NewGuid().ToString();

        var n = 0;
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < duration || n < 100)
        {
            var i = n % instances;
            var at = DateTime.UtcNow.ToString("O");
            var inst = ids[i].ToString();
            using (var tx = c.BeginTransaction())
            {
                update.Transaction = journal.Transaction = bookmark.Transaction = outbox.Transaction = tx;
                uId.Value = inst;
                uV.Value = versions[i];
                uAt.Value = at;
                if (update.ExecuteNonQuery() != 1)
                    throw new InvalidOperationException("raw: version conflict");
                versions[i]++;
                jId.Value = Guid.CreateVersion7().ToString();
                jInst.Value = inst;
                jDossier.Value = inst;
                jAt.Value = at;
                jSeq.Value = n;
                journal.ExecuteNonQuery();
                bId.Value = Guid.CreateVersion7().ToString();
                bInst.Value = inst;
                bDossier.Value = inst;
                bOrg.Value = org;
                bAt.Value = at;
                bookmark.ExecuteNonQuery();
                oId.Value = Guid.CreateVersion7().ToString();
                oAt.Value = at;
                outbox.ExecuteNonQuery();
                tx.Commit();
            }
            n++;
        }
        var perSecond = n / sw.Elapsed.TotalSeconds;
        c.Close();
        Sqlite.Delete(path);
        return perSecond;
    }
}

/// <summary>
/// The raw limit measured again between a measure's rounds: the disk's fsync rate drifts by the minute on a shared
/// machine, so a ratio is taken against the mean of the measurements made around the rounds it compares.
/// </summary>
public sealed class RawBetweenRounds(BenchOptions options, string synchronous, double? first = null)
{
    private readonly List<double> _samples = first is { } f ? [f] : [];

    public void Measure() => _samples.Add(RawLimit.Measure(options, synchronous, TimeSpan.FromSeconds(options.Quick ? 1 : 2)));

    /// <summary>Adds the raw limit's mean (min–max) and the ratio of <paramref name="rate"/> to it.</summary>
    public void Report(Report report, double rate, string target, double minimum)
    {
        var mean = _samples.Average();
        report.Note($"  raw limit ({synchronous}) measured between the rounds: mean (min–max)", $"{mean:N0} ({_samples.Min():N0}–{_samples.Max():N0}) tx/s");
        report.Add($"  ratio to raw limit ({synchronous}) measured between the rounds", rate / mean, "0.00", "", target, rate / mean >= minimum);
    }
}

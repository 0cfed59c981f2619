using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ThiDua.Bench;

/// <summary>Command line: <c>--only raw,engine,http,memory,queries,email</c>, <c>--quick</c> (smaller counts), <c>--data DIR</c>, <c>--web DLL</c>.</summary>
public sealed class BenchOptions
{
    public required string RepoRoot { get; init; }
    public required string DataFolder { get; init; }
    public required string WebDll { get; init; }
    public HashSet<string>? Only { get; init; }
    public bool Quick { get; init; }
    public int Dossiers { get; init; } = 1_000_000;
    public int Timers { get; init; } = 100_000;
    public int Emails { get; init; } = 100_000;

    public bool Runs(string part) => Only is null || Only.Contains(part);

    /// <summary>Scales a count down in --quick mode (for trying the program, not for numbers).</summary>
    public int Scale(int full) => Quick ? Math.Max(1, full / 10) : full;

    public static BenchOptions Parse(string[] args)
    {
        string? Arg(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var root = FindRepoRoot();
        var quick = args.Contains("--quick");
        var data = Path.GetFullPath(Arg("--data") ?? Path.Combine(root, "bench", "data"));
        Directory.CreateDirectory(data);
        return new BenchOptions
        {
            RepoRoot = root,
            DataFolder = data,
            WebDll = Path.GetFullPath(Arg("--web") ?? Path.Combine(root, "artifacts", "bench-server", "ThiDua.Web.dll")),
            Only = Arg("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(),
            Quick = quick,
            Dossiers = int.Parse(Arg("--dossiers") ?? (quick ? "100000" : "1000000"), CultureInfo.InvariantCulture),
            Timers = int.Parse(Arg("--timers") ?? (quick ? "10000" : "100000"), CultureInfo.InvariantCulture),
            Emails = int.Parse(Arg("--emails") ?? (quick ? "10000" : "100000"), CultureInfo.InvariantCulture),
        };
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ThiDua.sln")))
                return dir.FullName;
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ThiDua.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Run the benchmark from the repository (ThiDua.sln not found).");
    }
}

/// <summary>The one table the run prints: a measure, its value, the target and whether it is met.</summary>
public sealed class Report
{
    public sealed record Row(string Measure, string Value, string Target, string Verdict, double Number);

    private readonly List<Row> _rows = [];

    public void Add(string measure, double value, string format, string unit, string target = "", bool? met = null)
    {
        var text = value.ToString(format, CultureInfo.InvariantCulture) + (unit.Length > 0 ? " " + unit : "");
        lock (_rows)
            _rows.Add(new Row(measure, text, target, met is null ? "" : met.Value ? "ok" : "MISS", value));
        Console.WriteLine($"  {measure}: {text}{(target.Length > 0 ? $"  (target {target}: {(met == true ? "ok" : "MISS")})" : "")}");
    }

    public void Note(string measure, string text)
    {
        lock (_rows)
            _rows.Add(new Row(measure, text, "", "", double.NaN));
        Console.WriteLine($"  {measure}: {text}");
    }

    public void Print()
    {
        var w0 = Math.Max(7, _rows.Max(r => r.Measure.Length));
        var w1 = Math.Max(5, _rows.Max(r => r.Value.Length));
        var w2 = Math.Max(6, _rows.Max(r => r.Target.Length));
        var sb = new StringBuilder();
        sb.AppendLine();
        sb.AppendLine($"| {"measure".PadRight(w0)} | {"value".PadLeft(w1)} | {"target".PadRight(w2)} | met  |");
        sb.AppendLine($"|{new string('-', w0 + 2)}|{new string('-', w1 + 1)}:|{new string('-', w2 + 2)}|------|");
        foreach (var r in _rows)
            sb.AppendLine($"| {r.Measure.PadRight(w0)} | {r.Value.PadLeft(w1)} | {r.Target.PadRight(w2)} | {r.Verdict,-4} |");
        Console.Write(sb.ToString());
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(_rows.Select(r => new { r.Measure, r.Value, r.Target, r.Verdict }), new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }
}

public static class Sqlite
{
    public static string Version()
    {
        using var c = new SqliteConnection("Data Source=:memory:");
        c.Open();
        return Scalar<string>(c, "select sqlite_version()");
    }

    public static T Scalar<T>(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (T)Convert.ChangeType(cmd.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }

    public static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public static void Delete(string dbPath)
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { dbPath, dbPath + "-wal", dbPath + "-shm", dbPath + "-journal" })
            if (File.Exists(f))
                File.Delete(f);
    }
}

public static class Stats
{
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
            return double.NaN;
        var rank = p / 100 * (sorted.Count - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}

/// <summary>Settings of a run given as environment variables.</summary>
public static class Env
{
    public static int PositiveInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var n) && n > 0 ? n : fallback;
}

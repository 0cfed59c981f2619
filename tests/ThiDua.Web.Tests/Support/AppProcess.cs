using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ThiDua.Web.Tests.Support;

/// <summary>
/// The real application (the built src/ThiDua.Web) in a process of its own on a fixed loopback port, so a test can
/// kill it with SIGKILL mid-request and start it again on the same database, as a power cut would.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Dictionary<string, string> _settings;
    private readonly StringBuilder _log = new();
    private Process? _process;

    public Uri BaseAddress { get; }
    public int Starts { get; private set; }
    /// <summary>From process start to the first page served, per start.</summary>
    public List<TimeSpan> StartupTimes { get; } = [];

    public AppProcess(string folder, IDictionary<string, string>? settings = null)
    {
        BaseAddress = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        _settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = BaseAddress.ToString(),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(folder, "thidua.db")}",
            ["Email:PickupFolder"] = Path.Combine(folder, "mail"),
            ["Security:LoginPermitPerMinute"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string>())
            _settings[k] = v;
    }

    public static string WebDll
    {
        get
        {
            // Tests run from tests/ThiDua.Web.Tests/bin/<Configuration>/<tfm>/; the app was built beside it in the same configuration.
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = output.Parent!.Name;
            var root = output;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "ThiDua.sln")))
                root = root.Parent;
            var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("ThiDua.sln not found above " + AppContext.BaseDirectory),
                "src", "ThiDua.Web", "bin", configuration, output.Name, "ThiDua.Web.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException(dll + " is missing: build the solution first.");
        }
    }

    public string Log
    {
        get
        {
            lock (_log)
                return _log.ToString();
        }
    }

    /// <summary>Starts the process and waits until it serves the login page.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(WebDll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(WebDll);
        foreach (var (k, v) in _settings)
            start.Environment[k.Replace(":", "__", StringComparison.Ordinal)] = v;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + WebDll);
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Starts++;

        using var probe = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"the app exited with code {process.ExitCode}:\n{Log}");
            if (deadline.Elapsed > TimeSpan.FromMinutes(3))
                throw new TimeoutException("the app did not answer within 3 minutes:\n" + Log);
            try
            {
                using var response = await probe.GetAsync("/dang-nhap");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    StartupTimes.Add(deadline.Elapsed);
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, whatever was in flight is cut.</summary>
    public void Kill()
    {
        if (_process is not { HasExited: false } p)
            return;
        p.Kill(entireProcessTree: true);
        p.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_log)
            _log.AppendLine(line);
    }

}

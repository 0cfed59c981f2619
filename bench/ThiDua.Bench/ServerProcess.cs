using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;

namespace ThiDua.Bench;

/// <summary>
/// The real application (src/ThiDua.Web, Release build) in a process of its own on Kestrel, loopback only, so its
/// start-up time and its memory (/proc/PID/status) are its own.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public int Port { get; }
    public Uri BaseAddress { get; }
    /// <summary>From starting the process to the first page served.</summary>
    public TimeSpan StartupTime { get; private set; }
    private long _startedAt;
    /// <summary>Since the process was started.</summary>
    public TimeSpan SinceStart => Stopwatch.GetElapsedTime(_startedAt);
    public int Pid => _process.Id;

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public static async Task<ServerProcess> StartAsync(BenchOptions options, string databasePath, string synchronous, IDictionary<string, string?>? settings = null)
    {
        if (!File.Exists(options.WebDll))
            throw new InvalidOperationException($"{options.WebDll} not found: publish src/ThiDua.Web to artifacts/bench-server first (bench/run.sh does).");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(options.WebDll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(options.WebDll);
        var env = start.Environment;
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["Database__ConnectionString"] = $"Data Source={databasePath}";
        env["Database__SqliteSynchronous"] = synchronous;
        env["Email__PickupFolder"] = Path.Combine(options.DataFolder, "mail");
        env["Logging__LogLevel__Default"] = "Warning";
        env["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning";
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
            env[k.Replace(":", "__", StringComparison.Ordinal)] = v;

        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the web app");
        var server = new ServerProcess(process, port) { _startedAt = startedAt };
        process.OutputDataReceived += (_, e) => server.Log(e.Data);
        process.ErrorDataReceived += (_, e) => server.Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"the web app exited with code {process.ExitCode}:\n{server.Output}");
            if (server.SinceStart > TimeSpan.FromMinutes(5))
                throw new TimeoutException($"the web app did not answer within 5 minutes:\n{server.Output}");
            try
            {
                using var response = await probe.GetAsync("/dang-nhap");
                if (response.StatusCode == HttpStatusCode.OK)
                    break;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(5);
        }
        server.StartupTime = server.SinceStart;
        return server;
    }

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    private void Log(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
        if (EchoLog)
            Console.WriteLine("    server: " + line);
    }

    /// <summary>BENCH_SERVER_LOG=1 prints the server's log as it comes (to see why a request failed).</summary>
    private static readonly bool EchoLog = Environment.GetEnvironmentVariable("BENCH_SERVER_LOG") == "1";

    /// <summary>CPU the server process has used so far, all its threads.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    private readonly Dictionary<int, long> _compilerTicks = [];
    private long _compilerTicksTotal;

    /// <summary>
    /// CPU used by the server's tiered compilation thread, which recompiles hot methods optimized in the background,
    /// since the first time this was read (10 ms steps: the kernel counts in clock ticks). It stops growing once the
    /// server has settled. The runtime ends that thread when it has been idle a while and starts another when there
    /// is work, so each thread's count is followed by its id; a method, as each call adds what it reads to the total.
    /// </summary>
    public TimeSpan ReadCompilerCpuTime()
    {
        foreach (var task in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
        {
            try
            {
                // The kernel keeps 15 characters of a thread's name: ".NET Tiered Compilation Worker".
                if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered Com", StringComparison.Ordinal))
                    continue;
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                // After the name in parentheses: state is field 3, utime and stime fields 14 and 15 (proc(5)).
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                var tid = int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture);
                _compilerTicksTotal += ticks - _compilerTicks.GetValueOrDefault(tid);
                _compilerTicks[tid] = ticks;
            }
            catch (IOException)
            {
                // The thread ended while being read.
            }
        }
        return TimeSpan.FromMilliseconds(_compilerTicksTotal * 1000.0 / TicksPerSecond);
    }

    /// <summary>USER_HZ, the unit of /proc's CPU times: 100 on Linux for every architecture this runs on.</summary>
    private const int TicksPerSecond = 100;

    /// <summary>A value in kB from /proc/PID/status: VmRSS (now) or VmHWM (peak resident set).</summary>
    public long StatusKb(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        return -1;
    }

    /// <summary>A client signed in with the cookie, with up to <paramref name="connections"/> connections to the server.</summary>
    public async Task<HttpClient> LoginAsync(string username, int connections = 8)
    {
        var handler = new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), MaxConnectionsPerServer = connections, AllowAutoRedirect = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { username, password = "ThiDua@2026" });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"login {username}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    internal static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the host stops gracefully (Quartz, dispatcher), as a service manager would stop it.
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }
}

using ThiDua.Infrastructure.Audit;

namespace ThiDua.Web.Hosting;

/// <summary>
/// <c>dotnet run --project src/ThiDua.Web -- verify-audit</c>: seals pending entries, recomputes the whole hash
/// chain and prints whether the audit trail is intact. Exit code 0 when intact, 2 when tampering is found.
/// </summary>
public static class AuditCommand
{
    public const string Name = "verify-audit";

    public static async Task<int> RunAsync(WebApplication app)
    {
        var chain = app.Services.GetRequiredService<AuditChain>();
        await chain.SealAsync(CancellationToken.None);
        var result = await chain.VerifyAsync(CancellationToken.None);
        Console.Out.WriteLine(result.Message);
        return result.Intact ? 0 : 2;
    }
}

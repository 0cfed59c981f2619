using ThiDua.Infrastructure.Persistence;
using ThiDua.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddThiDua();

var app = builder.Build();
if (args.Contains(AuditCommand.Name))
{
    await app.Services.GetRequiredService<DatabaseStartup>().InitializeAsync(CancellationToken.None);
    return await AuditCommand.RunAsync(app);
}
app.UseThiDua();
app.Run();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

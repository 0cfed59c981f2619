using ThiDua.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddThiDua();

var app = builder.Build();
await app.InitializeThiDuaAsync();
app.UseThiDua();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

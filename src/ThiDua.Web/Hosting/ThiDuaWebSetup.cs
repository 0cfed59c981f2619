using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Configuration.Json;
using ThiDua.Infrastructure;
using ThiDua.Infrastructure.Email;
using ThiDua.Infrastructure.Persistence;
using ThiDua.Web.Features.Auth;
using ThiDua.Web.Features.Designer;
using ThiDua.Web.Features.Dossiers;
using ThiDua.Web.Features.Reference;
using ThiDua.Web.Features.Shared;
using ThiDua.Web.Features.Tasks;

namespace ThiDua.Web.Hosting;

public static class ThiDuaWebSetup
{
    public const string LoginRateLimit = "login";

    public static void AddThiDua(this WebApplicationBuilder builder)
    {
        // The one settings file users edit is at the repository root and is copied beside the binaries.
        // It goes first so that appsettings.{Environment}.json, environment variables and the command line still override it.
        var rootSettings = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (File.Exists(rootSettings))
        {
            var source = new JsonConfigurationSource { Path = rootSettings, Optional = true, ReloadOnChange = false };
            source.ResolveFileProvider();
            builder.Configuration.Sources.Insert(0, source);
        }
        var services = builder.Services;

        services.AddThiDuaInfrastructure(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddThiDuaEmail(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddProblemDetails();
        services.AddOpenApi();
        services.Configure<JsonOptions>(o => o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        // Vietnamese text goes out as text, not as &#x...; entities (smaller pages, readable source).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUserAccessor>();
        services.AddScoped<LoginService>();
        services.Configure<SecurityOptions>(builder.Configuration.GetSection("Security"));
        var security = builder.Configuration.GetSection("Security").Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddRateLimiter(o =>
        {
            // Per client address: slows password guessing across many accounts, which the per-account lockout does not.
            o.AddPolicy(LoginRateLimit, http => !HttpMethods.IsPost(http.Request.Method) ? RateLimitPartition.GetNoLimiter("read") : RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, security.LoginPermitPerMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                if (!ctx.HttpContext.Request.Path.StartsWithSegments("/api"))
                {
                    ctx.HttpContext.Response.Redirect("/dang-nhap?gioi-han=1");
                    return;
                }
                await Problems.Write(ctx.HttpContext, StatusCodes.Status429TooManyRequests, "Quá nhiều lần đăng nhập.",
                    "Bạn đã thử đăng nhập quá nhiều lần trong một phút. Hãy đợi một phút rồi thử lại.");
            };
        });
        services.AddDesigner();

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "thidua.auth";
                o.Cookie.HttpOnly = true;
                // Strict keeps the cookie off every cross-site request, which is what protects the JSON API from CSRF.
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = "/dang-nhap";
                o.LogoutPath = "/dang-xuat";
                o.AccessDeniedPath = "/khong-co-quyen";
                o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
            });
        services.AddAuthorization();
        // Pages live beside the endpoints of their feature (vertical slices), not in a separate Pages tree.
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                o.Conventions.AuthorizeFolder("/");
                o.Conventions.AllowAnonymousToPage("/Auth/Login");
                o.Conventions.AddPageApplicationModelConvention("/Auth/Login", m => m.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(LoginRateLimit)));
                o.Conventions.AllowAnonymousToPage("/Auth/AccessDenied");
                o.Conventions.AllowAnonymousToPage("/Errors/Status");
                o.Conventions.AddPageRoute("/Dossiers/Edit", "/ho-so/{id:guid}/sua");
                o.Conventions.AddPageRoute("/Movements/Edit", "/phong-trao/{id:guid}");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddAntiforgery(o => o.HeaderName = "RequestVerificationToken");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            CultureInfo[] cultures = [new("vi-VN"), new("en-US")];
            o.DefaultRequestCulture = new RequestCulture("vi-VN");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // Vietnamese unless the person chose English: the browser's Accept-Language is not a choice.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        // The web server binds while the database is brought up (see UseThiDua's wait); everything else waits for it.
        services.StartHostedServicesAfterDatabase(builder.Configuration.GetValue("Hosting:BackgroundStartDelay", TimeSpan.FromSeconds(1)));
        services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
    }

    /// <summary>API callers get a status code with ProblemDetails, people get the login page.</summary>
    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (!ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.Redirect(ctx.RedirectUri);
            return Task.CompletedTask;
        }
        return Problems.Write(ctx.HttpContext, status, status == 401 ? "Chưa đăng nhập." : "Không có quyền.",
            status == 401 ? "Hãy đăng nhập (POST /api/auth/login) trước khi gọi API." : "Tài khoản của bạn không có quyền thực hiện thao tác này.");
    }

    public static void UseThiDua(this WebApplication app)
    {
        // The database comes up while the pipeline below is built and the server binds.
        var database = app.Services.GetRequiredService<DatabaseStartup>();
        _ = database.Ready;
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), b => b.UseExceptionHandler());
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), b => b.UseExceptionHandler("/loi/500"));
        // People get a Vietnamese page; API callers get ProblemDetails.
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePagesWithReExecute("/loi/{0}"));
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePages());
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        // A request that comes while the database is still being migrated waits for it here, before anything reads
        // the database (the cookie's keys, the user, the page).
        app.Use(async (ctx, next) =>
        {
            await database.Ready.WaitAsync(ctx.RequestAborted);
            await next(ctx);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapOpenApi();
        // An instance, not AddEndpointFilter<T>: that builds an activator by reflection on the start-up's path, for a filter without dependencies.
        var api = app.MapGroup("/api").AddEndpointFilter(new ProblemEndpointFilter());
        api.MapAuthEndpoints();
        var secured = api.MapGroup("").RequireAuthorization();
        secured.MapDossierEndpoints();
        secured.MapTaskEndpoints();
        secured.MapReferenceEndpoints();
        NavLinks.Register("/phong-trao", "Phong trào", _ => true);
        NavLinks.Register("/tac-vu", "Tác vụ định kỳ", u => u.IsSystemAdmin);
        NavLinks.Register("/quan-tri/lich-lam-viec", "Lịch làm việc", u => u.IsSystemAdmin);
        secured.MapDesignerEndpoints();
        app.MapLanguageEndpoint();
        app.MapAttachmentDownloads();
        app.MapRazorPages();
        // The route table (every page and endpoint, with their metadata) is otherwise built by the first request; built
        // here beside the database's start, it is off the first page's path.
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>();
        _ = Task.Run(() => endpoints.Endpoints.Count);
    }
}

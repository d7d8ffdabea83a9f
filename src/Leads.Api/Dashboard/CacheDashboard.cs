namespace Leads.Api.Dashboard;

/// <summary>
/// Serves the operators' cache dashboard (static HTML, JS and the vendored chart library from
/// <c>wwwroot/admin/cache</c>) at <c>/admin/cache</c>. The files hold no data, so they need no sign-in; the data
/// comes from the admin-only JSON endpoints with the bearer token the page keeps in memory. The page is never
/// stored by a cache (<c>no-store</c>), its assets are revalidated on every use, and a strict
/// Content-Security-Policy allows scripts, styles and requests from this origin only.
/// </summary>
public static class CacheDashboard
{
    public const string Path = "/admin/cache";

    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseCacheDashboard(this WebApplication app)
    {
        // The web root's provider, not a path: when the API runs from its build output in Development, the files
        // come from the project's wwwroot through the static web assets manifest; a published API has them beside it.
        var files = app.Environment.WebRootFileProvider;
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context => Secure(context.Context.Response, "no-cache"),
        });

        app.MapMethods(Path, ["GET", "HEAD"], async context =>
        {
            var page = files.GetFileInfo("admin/cache/index.html");
            if (!page.Exists)
            {
                await Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The dashboard's files are not deployed with this API (wwwroot/admin/cache).").ExecuteAsync(context);
                return;
            }

            Secure(context.Response, "no-store");
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.SendFileAsync(page);
        }).ExcludeFromDescription();
        return app;
    }

    private static void Secure(HttpResponse response, string cacheControl)
    {
        var headers = response.Headers;
        headers.CacheControl = cacheControl;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
    }
}

using Leads.Api.Dashboard;
using Leads.Api.Errors;
using Leads.Api.Http;
using Leads.Api.RateLimiting;
using Leads.Api.Hosting;
using Leads.Api.Security;
using Leads.Application;
using Leads.Application.Caching;
using Leads.Application.Common.Behaviors;
using Leads.Application.Common.Serialization;
using Leads.Application.StaticConfig;
using Leads.Infrastructure;
using Microsoft.AspNetCore.ResponseCompression;
using OpenTelemetry.Metrics;

var builder = WebApplication.CreateBuilder(args);
var configuration = builder.Configuration;

builder.WebHost.ConfigureKestrel(kestrel =>
    kestrel.Limits.MaxRequestBodySize = configuration.GetValue("Api:MaxRequestBodyBytes", 64 * 1024));

builder.Services.AddApplication();
builder.Services.AddInfrastructure(configuration);
builder.Services.Configure<StaticConfigOptions>(configuration.GetSection(StaticConfigOptions.SectionName));
builder.Services.Configure<HttpCachingOptions>(configuration.GetSection(HttpCachingOptions.SectionName));
builder.Services.AddMediator((Mediator.MediatorOptions options) =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.Assemblies = [typeof(Leads.Application.DependencyInjection), typeof(Leads.Domain.Common.IDomainEvent)];

    // Outermost first: log everything, reject invalid input before it can reach (or fill) the cache.
    options.PipelineBehaviors = [typeof(TracingBehavior<,>), typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>), typeof(LastWriterWinsBehavior<,>), typeof(CachingBehavior<,>)];
});

builder.Services.AddScoped<ResponsePayload>();
builder.Services.AddScoped<LeadWritePreconditions>();
builder.Services.AddScoped<Leads.Application.Caching.ICachedPayloadSink>(services => services.GetRequiredService<ResponsePayload>());
builder.Services.AddLeadsAuthentication(configuration, builder.Environment);
builder.Services.AddLeadsRateLimiting(configuration);
builder.Services.Configure<AvailabilityOptions>(configuration.GetSection(AvailabilityOptions.SectionName));
builder.Services.AddSingleton<CacheWarmupStatus>();
builder.Services.AddHostedService<CacheWarmer>();
builder.Services.AddOptions<HotKeyWarmingOptions>().Bind(configuration.GetSection(HotKeyWarmingOptions.SectionName))
    .Validate(o => o.MaxKeys >= 0 && o.Concurrency >= 1 && o.Timeout > TimeSpan.Zero, "Caching:HotKeyWarming: MaxKeys must be 0 or more, Concurrency at least 1 and Timeout positive.").ValidateOnStart();
builder.Services.AddSingleton<IHotKeyWarmer, HotKeyWarmer>();
builder.Services.AddControllers().ConfigureApiBehaviorOptions(ModelStateProblems.Configure).AddJsonOptions(json =>
{
    json.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, LeadsJsonContext.Default);
    json.JsonSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
});

// Results written as IResult (201 Created, 200 after a write) use the minimal-API JSON options, not MVC's:
// without this their enums were numbers while every GET (and the cache) writes names.
builder.Services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.TypeInfoResolverChain.Insert(0, LeadsJsonContext.Default);
    json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
});
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
{
    context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
    if (string.IsNullOrEmpty(context.ProblemDetails.Detail) && context.ProblemDetails is not Microsoft.AspNetCore.Mvc.ValidationProblemDetails)
    {
        context.ProblemDetails.Detail = ProblemDetailDefaults.For(context.ProblemDetails.Status);
    }
});
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecuritySchemeTransformer>());
builder.Services.AddResponseCompression(options =>
{
    options.EnableForHttps = true;
    options.Providers.Add<BrotliCompressionProvider>();
    options.Providers.Add<GzipCompressionProvider>();
    options.MimeTypes = ["application/json", "application/problem+json"];
});
builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
builder.Services.AddHealthChecks().AddInfrastructureChecks(configuration, "ready");
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
    .AddMeter(InfrastructureTelemetry.MeterNames)
    .AddAspNetCoreInstrumentation()
    .DropUnreadPerRequestInstruments()
    .AddPrometheusExporter());

builder.Services.AddLeadsTracing(configuration);

// User text is hashed into cache keys with this secret, so no one can craft colliding search strings offline.
var cacheKeySecret = configuration["Caching:KeySecret"];
if (!string.IsNullOrEmpty(cacheKeySecret))
{
    CacheKey.UseSecret(cacheKeySecret);
}
else if (!builder.Environment.IsDevelopment())
{
    throw new InvalidOperationException("Caching:KeySecret (at least 16 bytes, the same on every instance) is required outside the Development environment.");
}

// The demo accounts have published passwords (README): they may exist only on a developer's machine.
if (configuration.GetValue<bool>("Seed:Enabled") && !builder.Environment.IsDevelopment())
{
    throw new InvalidOperationException("Seed:Enabled creates demo accounts with published passwords; it is allowed only in the Development environment.");
}

var app = builder.Build();

app.UseExceptionHandler();
app.UseMiddleware<HttpLevelRecording>();
app.UseStatusCodePages();
app.UseMiddleware<CacheHeadersMiddleware>();
app.UseMiddleware<LoadSheddingMiddleware>();
app.UseMiddleware<DuplicateQueryParameterMiddleware>();
app.UseResponseCompression();
app.UseCacheDashboard();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapOperationalEndpoints();
app.MapControllers();
app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });

await app.Services.InitializeDatabaseAsync(app.Configuration);
await app.RunAsync();

/// <summary>Entry point; public so the integration tests can host the API.</summary>
public partial class Program;

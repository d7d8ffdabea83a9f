namespace Leads.IntegrationTests.Caching;

/// <summary>A value the engine tests cache: any JSON-serializable type works, the engine is not tied to the application's DTOs.</summary>
public sealed record CachedSample(string Name, int Number);

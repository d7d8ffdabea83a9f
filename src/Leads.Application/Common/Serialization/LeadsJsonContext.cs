using System.Text.Json;
using System.Text.Json.Serialization;
using Leads.Application.Admin.Models;
using Leads.Application.Auth.Models;
using Leads.Application.Categories.Models;
using Leads.Application.Common.Models;
using Leads.Application.Leads.Models;
using Leads.Application.Security;
using Leads.Application.StaticConfig.Models;

namespace Leads.Application.Common.Serialization;

/// <summary>
/// Source-generated JSON for everything the API returns and the caches store. The cache and the HTTP
/// responses share these options, so a cached payload is byte-for-byte the response body.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(LeadDto))]
[JsonSerializable(typeof(PagedResult<LeadDto>))]
[JsonSerializable(typeof(LeadIdPage))]
[JsonSerializable(typeof(LeadsSummaryDto))]
[JsonSerializable(typeof(LeadCounts))]
[JsonSerializable(typeof(IReadOnlyList<CategoryDto>))]
[JsonSerializable(typeof(CategoryDto))]
[JsonSerializable(typeof(StaticConfigDto))]
[JsonSerializable(typeof(UserAccess))]
[JsonSerializable(typeof(TokenDto))]
[JsonSerializable(typeof(CacheInvalidationResult))]
[JsonSerializable(typeof(CacheStatsDto))]
[JsonSerializable(typeof(CacheTimelineDto))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
public sealed partial class LeadsJsonContext : JsonSerializerContext;

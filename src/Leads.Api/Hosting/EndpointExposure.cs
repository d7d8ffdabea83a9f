namespace Leads.Api.Hosting;

/// <summary>Who may reach an operational endpoint (<c>/metrics</c>, the OpenAPI document, Scalar).</summary>
public enum EndpointExposure
{
    /// <summary>Not mapped: 404.</summary>
    Off,

    /// <summary>Needs a bearer token of an admin (401 without one, 403 for a member).</summary>
    Admin,

    /// <summary>Anyone who can reach the server.</summary>
    Public,
}

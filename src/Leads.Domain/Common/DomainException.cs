namespace Leads.Domain.Common;

/// <summary>A business rule was broken; the API maps it to 400 (or 409 for a state conflict).</summary>
public class DomainException(string message) : Exception(message);

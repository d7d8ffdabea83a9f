namespace Leads.Application.Common.Exceptions;

/// <summary>The request conflicts with the current state of the resource (409).</summary>
public sealed class ConflictException(string message) : Exception(message);

namespace Leads.Application.Security;

/// <summary>Reads credentials for sign-in; never cached (a password check must see the current hash).</summary>
public interface IUserCredentialStore
{
    Task<UserCredentials?> FindByUserNameAsync(string userName, CancellationToken cancellationToken);

    /// <summary>Replaces the stored hash (a rehash at the current cost after a successful sign-in).</summary>
    Task UpdatePasswordHashAsync(Guid userId, string passwordHash, CancellationToken cancellationToken);
}

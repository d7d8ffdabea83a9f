namespace Leads.Application.Security;

/// <summary>Reads credentials for sign-in; never cached (a password check must see the current hash).</summary>
public interface IUserCredentialStore
{
    Task<UserCredentials?> FindByUserNameAsync(string userName, CancellationToken cancellationToken);
}

namespace Leads.Application.Security;

public interface IPasswordHasher
{
    /// <summary>A valid hash of a password no one knows: checking an unknown user against it costs what a real check costs.</summary>
    string DummyHash { get; }

    string Hash(string password);

    bool Verify(string password, string hash);

    /// <summary>Whether <paramref name="hash"/> was made weaker than new hashes are (fewer iterations, older scheme).</summary>
    bool NeedsRehash(string hash);
}

using System.Net;
using System.Net.Http.Json;
using Leads.Infrastructure.Persistence.Seeding;
using Leads.Infrastructure.Security;
using Leads.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Leads.IntegrationTests.Api;

/// <summary>
/// A password stored at an older PBKDF2 cost keeps working and is stored again at the current cost on the first
/// successful sign-in (the test host's current cost is 1,000 iterations, the old one here 500).
/// </summary>
public sealed class PasswordRehashTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Signing_in_with_a_hash_of_the_old_iteration_count_rehashes_it_at_the_current_one()
    {
        var old = new Pbkdf2PasswordHasher(Options.Create(new PasswordHashingOptions { Iterations = 500 })).Hash(DemoData.SalesAPassword);
        await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == DemoData.SalesAName)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, old)));

        (await SignInAsync(DemoData.SalesAPassword)).Should().Be(HttpStatusCode.OK, "a hash of the old cost still verifies");

        var stored = await StoredHashAsync();
        stored.Should().NotBe(old);
        stored.Split('$')[1].Should().Be("1000", "the hash is stored again at the current cost");
        (await SignInAsync(DemoData.SalesAPassword)).Should().Be(HttpStatusCode.OK, "the new hash verifies");
        (await SignInAsync("not-the-password")).Should().Be(HttpStatusCode.Unauthorized);
        (await StoredHashAsync()).Should().Be(stored, "a current hash is not rewritten");
    }

    private async Task<HttpStatusCode> SignInAsync(string password) =>
        (await Factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { username = DemoData.SalesAName, password })).StatusCode;

    private Task<string> StoredHashAsync() =>
        Factory.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.UserName == DemoData.SalesAName).Select(u => u.PasswordHash).SingleAsync());
}

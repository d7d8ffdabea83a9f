namespace Leads.IntegrationTests.Scale;

/// <summary>
/// The trait of the scale suite: tests against Redis Cluster and several API hosts, run by
/// <c>build.ps1 test -Suite scale</c> and left out of the default run (they start clusters of their own).
/// </summary>
public static class ScaleSuite
{
    public const string Trait = "Suite";

    public const string Name = "scale";
}

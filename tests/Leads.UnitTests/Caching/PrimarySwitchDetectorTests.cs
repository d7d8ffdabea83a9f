using Leads.Infrastructure.Caching.Redis;

namespace Leads.UnitTests.Caching;

/// <summary>When a Redis primary counts as switched (the trigger of the outbox replay window, ADR 0005).</summary>
public sealed class PrimarySwitchDetectorTests
{
    [Fact]
    public void The_first_look_and_an_unchanged_primary_are_no_switch()
    {
        var detector = new PrimarySwitchDetector();

        detector.Observe([("127.0.0.1:6379", "aaa")]).Should().BeFalse("there was nothing to switch from");
        detector.Observe([("127.0.0.1:6379", "aaa")]).Should().BeFalse();
    }

    [Fact]
    public void Matches_compares_with_the_last_look_without_recording_anything()
    {
        var detector = new PrimarySwitchDetector();
        detector.HasLooked.Should().BeFalse();
        detector.Matches([("redis:6379", "aaa")]).Should().BeFalse("with no look yet there is nothing it matches");

        detector.Observe([("redis:6379", "aaa")]);
        detector.HasLooked.Should().BeTrue();
        detector.Matches([("redis:6379", "aaa")]).Should().BeTrue();
        detector.Matches([("redis:6379", "bbb")]).Should().BeFalse();
        detector.Matches([("redis:6379", null)]).Should().BeFalse("a primary that could not be asked proves nothing");

        // Matching recorded nothing: the switch is still reported by the next look that sees it.
        detector.Observe([("redis:6379", "bbb")]).Should().BeTrue();
    }

    [Fact]
    public void A_new_replication_id_on_the_same_endpoint_is_a_switch()
    {
        // A restart (empty or from an older RDB) or a promotion behind a stable address keeps the endpoint.
        var detector = new PrimarySwitchDetector();
        detector.Observe([("redis:6379", "aaa")]);

        detector.Observe([("redis:6379", "bbb")]).Should().BeTrue();
        detector.Observe([("redis:6379", "bbb")]).Should().BeFalse("the switch is reported once");
    }

    [Fact]
    public void Writing_to_another_endpoint_is_a_switch_and_so_is_going_back()
    {
        // During a Sentinel failover the client may go to the promoted replica and back before it settles: every
        // change of the server writes go to can follow lost bumps, so each one counts.
        var detector = new PrimarySwitchDetector();
        detector.Observe([("127.0.0.1:7001", "old")]);

        detector.Observe([("127.0.0.1:7002", "new")]).Should().BeTrue();
        detector.Observe([("127.0.0.1:7001", "old")]).Should().BeTrue();
        detector.Observe([("127.0.0.1:7002", "new")]).Should().BeTrue();
    }

    [Fact]
    public void A_server_that_could_not_be_asked_keeps_its_last_id()
    {
        var detector = new PrimarySwitchDetector();
        detector.Observe([("127.0.0.1:7001", "aaa")]);

        detector.Observe([("127.0.0.1:7001", null)]).Should().BeFalse("an INFO that timed out is no evidence of a switch");
        detector.Observe([("127.0.0.1:7001", "aaa")]).Should().BeFalse();
        detector.Observe([]).Should().BeFalse("no connected primary: nothing learned");
        detector.Observe([("127.0.0.1:7001", "aaa")]).Should().BeFalse();
        detector.Observe([("127.0.0.1:7001", "bbb")]).Should().BeTrue();
    }

    [Fact]
    public void On_a_cluster_one_primary_of_several_changing_is_a_switch_and_one_leaving_is_not()
    {
        var detector = new PrimarySwitchDetector();
        detector.Observe([("n1", "r1"), ("n2", "r2"), ("n3", "r3")]);

        detector.Observe([("n1", "r1"), ("n2", "r2")]).Should().BeFalse("a primary that became a replica wrote nothing new anywhere");
        detector.Observe([("n1", "r1"), ("n2", "r2"), ("n4", "r4")]).Should().BeTrue("n3's replica n4 was promoted");
        detector.Observe([("n1", "r1"), ("n2", "r2x"), ("n4", "r4")]).Should().BeTrue();
    }

    [Fact]
    public void The_replication_id_is_read_from_INFO_replication()
    {
        var info = new[] { new KeyValuePair<string, string>("role", "master"), new("master_replid", "8a7f"), new("master_replid2", "0000") }
            .GroupBy(_ => "Replication")
            .ToArray();

        PrimarySwitchDetector.ReplicationId(info).Should().Be("8a7f");
        PrimarySwitchDetector.ReplicationId([]).Should().BeNull();
    }
}

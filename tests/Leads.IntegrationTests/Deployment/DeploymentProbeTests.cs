using System.Net;
using System.Text.RegularExpressions;
using Leads.IntegrationTests.Infrastructure;

namespace Leads.IntegrationTests.Deployment;

/// <summary>
/// Every probe of the Kubernetes manifests asks the running API (on the real Postgres and Redis) for a path it
/// answers with 200, on the port the container declares and the API listens on; nginx of the compose file sends
/// requests to the port the API replicas listen on.
/// </summary>
public sealed partial class DeploymentProbeTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Every_probe_path_is_an_endpoint_the_running_API_answers_with_200()
    {
        var probes = DeploymentFiles.KubernetesProbes().ToArray();
        probes.Select(p => p.Probe.Path).Should().Contain(["/health/live", "/health/ready"]);
        probes.Select(p => p.Probe.Where.Split(' ')[^1]).Should().Contain(["startupProbe", "readinessProbe", "livenessProbe"]);

        var client = Factory.CreateClient();
        foreach (var (probe, ports) in probes)
        {
            ports.Should().Contain(probe.Port, "{0} names a port of its container", probe.Where);
            var response = await client.GetAsync(probe.Path);
            response.StatusCode.Should().Be(HttpStatusCode.OK, "{0} requests {1}", probe.Where, probe.Path);
        }
    }

    [Fact]
    public void The_API_containers_listen_where_their_ports_nginx_and_the_Service_point()
    {
        var kubernetesPort = DeploymentFiles.KubernetesSettings().Single(s => s.Variable == "ASPNETCORE_HTTP_PORTS").Value;
        DeploymentFiles.KubernetesProbes().SelectMany(p => p.ContainerPorts).Should().Contain(kubernetesPort!);

        var composePorts = DeploymentFiles.ComposeSettings().Where(s => s.Variable == "ASPNETCORE_HTTP_PORTS").Select(s => s.Value).Distinct().ToArray();
        var nginx = File.ReadAllText(Path.Combine(DeploymentFiles.Folder, "nginx", "nginx.conf"));
        var upstreams = UpstreamServer().Matches(nginx).Select(m => m.Groups["port"].Value).ToArray();
        upstreams.Should().NotBeEmpty();
        composePorts.Should().ContainSingle().Which.Should().Be(upstreams.Distinct().Single());
    }

    [GeneratedRegex(@"^\s*server\s+api:(?<port>\d+)", RegexOptions.Multiline)]
    private static partial Regex UpstreamServer();
}

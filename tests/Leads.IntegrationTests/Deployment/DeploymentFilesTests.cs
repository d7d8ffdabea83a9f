using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Leads.IntegrationTests.Deployment;

/// <summary>
/// The files under deploy/ cannot be run here (no Docker engine, no cluster), so they are specified by reading
/// them: every YAML and JSON file parses, every setting they give the API is a key the API reads with a value
/// that converts, no secret is written in them, and what they refer to (ConfigMaps, Secrets, copied paths,
/// manifests) exists. The probes are requested from the running API in <see cref="DeploymentProbeTests"/>.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string[] SecretVariables = ["Jwt__SigningKey", "Caching__KeySecret", "ConnectionStrings__Postgres", "ConnectionStrings__Redis"];

    [Fact]
    public void Every_YAML_and_JSON_file_under_deploy_parses()
    {
        var files = DeploymentFiles.StructuredFiles().Select(DeploymentFiles.Relative).ToArray();
        files.Should().Contain(["deploy/docker-compose.yml", "deploy/k8s/deployment.yaml", "deploy/k8s/configmap.yaml", "deploy/monitoring/alerts.yml", "deploy/monitoring/grafana-dashboard.json"]);

        var failures = new List<string>();
        foreach (var file in DeploymentFiles.StructuredFiles())
        {
            try
            {
                DeploymentFiles.Parse(file).Should().NotBeEmpty();
            }
            catch (Exception e) when (e is YamlDotNet.Core.YamlException or System.Text.Json.JsonException or ArgumentException)
            {
                failures.Add($"{DeploymentFiles.Relative(file)}: {e.Message}");
            }
        }

        failures.Should().BeEmpty();
    }

    [Fact]
    public void Every_setting_the_deployment_files_give_the_API_is_a_key_it_reads_with_a_value_that_converts()
    {
        var settings = DeploymentFiles.ComposeSettings().Concat(DeploymentFiles.KubernetesSettings()).ToArray();
        settings.Select(s => s.Where.Split(' ')[0]).Distinct().Should().Contain(["deploy/docker-compose.yml", "deploy/k8s/configmap.yaml", "deploy/k8s/secret.yaml"], "the check must see the files it judges");
        settings.Should().Contain(s => s.Variable == "Caching__Coherence__FenceAfter").And.Contain(s => s.Variable == "Caching__KeySecret");

        var refused = settings
            .Select(s => (Setting: s, Error: ConfigurationKeys.Check(ConfigurationKeys.FromEnvironmentVariable(s.Variable), Placeholder(s.Value))))
            .Where(r => r.Error is not null)
            .Select(r => $"{r.Setting.Where}: {r.Error}")
            .ToArray();

        refused.Should().BeEmpty();
    }

    [Theory]
    [InlineData("Caching__Policies__LeadById__Ttl", "00:10:00")]
    [InlineData("Caching__Policies__LeadByIdd__Duration", "00:10:00")]
    [InlineData("Caching__Coherence__FenceAftr", "00:00:00.050")]
    [InlineData("Caching__Outbox__RelayEvery", "00:00:01")]
    [InlineData("Caching__KeySecrets", "secret")]
    [InlineData("Jwt__SigningKy", "key")]
    [InlineData("ConnectionString__Redis", "127.0.0.1:6379")]
    [InlineData("Caching__Redis__OperationTimeout", "fast")]
    [InlineData("RateLimiting__Concurrency__PermitLimit", "sixty-four")]
    [InlineData("Seed__Leads", "many")]
    [InlineData("Logging__LogLevel__Default", "Loud")]
    [InlineData("OTEL_SERVCE_NAME", "leads-api")]
    [InlineData("ASPNETCORE_HTTP_PORT", "8080")]
    public void A_misspelled_key_or_a_value_that_does_not_convert_is_refused(string variable, string value)
    {
        ConfigurationKeys.Check(ConfigurationKeys.FromEnvironmentVariable(variable), value).Should().NotBeNull();
    }

    [Theory]
    [InlineData("Caching__Policies__LeadById__Duration", "00:10:00")]
    [InlineData("caching__policies__leadbyid__useL1", "false")]
    [InlineData("Caching__Outbox__RelayInterval", "00:00:01")]
    [InlineData("Caching__Coherence__FenceAfter", "00:00:00.050")]
    [InlineData("Security__PasswordHashing__Iterations", "600000")]
    [InlineData("HttpCaching__Categories__SharedMaxAge", "00:10:00")]
    [InlineData("Caching__Warmup__Enabled", "false")]
    public void A_key_the_API_reads_with_a_value_that_converts_is_accepted(string variable, string value)
    {
        ConfigurationKeys.Check(ConfigurationKeys.FromEnvironmentVariable(variable), value).Should().BeNull();
    }

    [Theory]
    [InlineData("appsettings.json")]
    [InlineData("appsettings.Development.json")]
    public void Every_key_of_the_API_own_settings_files_is_known_to_the_check(string file)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(DeploymentFiles.RepositoryRoot, "src", "Leads.Api", file)).Build();
        var refused = configuration.AsEnumerable().Where(pair => pair.Value is not null)
            .Select(pair => ConfigurationKeys.Check(pair.Key, pair.Value)).OfType<string>().ToArray();

        refused.Should().BeEmpty("the check's list of keys must cover what the API's own files set");
    }

    [Fact]
    public void The_keys_the_check_lists_as_read_one_by_one_are_still_read_by_the_source()
    {
        var source = string.Join('\n', Directory.EnumerateFiles(Path.Combine(DeploymentFiles.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains("/obj/", StringComparison.Ordinal))
            .Select(File.ReadAllText));

        var gone = ConfigurationKeys.ReadOneByOne.Keys
            .Where(key => !source.Contains(key.StartsWith("ConnectionStrings:", StringComparison.Ordinal) ? $"GetConnectionString(\"{key.Split(':')[1]}\")" : $"\"{key}\"", StringComparison.Ordinal))
            .ToArray();

        gone.Should().BeEmpty("a key no code reads any more must leave the list, or a setting of it would pass unnoticed");
    }

    [Fact]
    public void No_secret_is_written_in_the_compose_file_and_the_Kubernetes_Secret_holds_placeholders_only()
    {
        var compose = DeploymentFiles.ComposeSettings().Where(s => SecretVariables.Contains(s.Variable)).ToArray();
        compose.Select(s => s.Variable).Distinct().Should().BeEquivalentTo(SecretVariables);
        compose.Where(s => !SecretsInterpolated(s.Value)).Select(s => s.ToString()).Should().BeEmpty("secrets come from deploy/.env");

        var kubernetes = DeploymentFiles.KubernetesSettings().ToArray();
        kubernetes.Where(s => SecretVariables.Contains(s.Variable) && s.Value is not null && !s.Where.Contains(" Secret ", StringComparison.Ordinal))
            .Select(s => s.ToString()).Should().BeEmpty("secrets belong in the Secret, not the ConfigMap");
        kubernetes.Where(s => s.Where.Contains(" Secret ", StringComparison.Ordinal) && s.Value?.Contains("REPLACE", StringComparison.Ordinal) != true)
            .Select(s => s.ToString()).Should().BeEmpty("the committed Secret holds placeholders");

        var composeText = File.ReadAllText(Path.Combine(DeploymentFiles.Folder, "docker-compose.yml"));
        var example = File.ReadAllText(Path.Combine(DeploymentFiles.Folder, ".env.example"));
        Interpolation().Matches(composeText).Select(m => m.Groups["name"].Value).Distinct()
            .Where(name => !example.Contains("\n" + name + "=", StringComparison.Ordinal)).Should().BeEmpty("deploy/.env.example lists every variable the compose file needs");
    }

    [Fact]
    public void Every_ConfigMap_and_Secret_the_API_containers_load_is_defined()
    {
        var sources = DeploymentFiles.EnvironmentSources().ToArray();
        sources.Select(s => s.Reference).Should().Contain(["ConfigMap/leads-api-config", "Secret/leads-api-secrets"]);
        sources.Where(s => !s.Exists).Should().BeEmpty();
    }

    [Fact]
    public void The_Dockerfile_copies_paths_that_exist_including_every_project()
    {
        var copied = File.ReadAllLines(Path.Combine(DeploymentFiles.Folder, "Dockerfile"))
            .Where(line => line.StartsWith("COPY ", StringComparison.Ordinal) && !line.Contains("--from", StringComparison.Ordinal))
            .SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .ToArray();

        copied.Where(path => !File.Exists(Path.Combine(DeploymentFiles.RepositoryRoot, path)) && !Directory.Exists(Path.Combine(DeploymentFiles.RepositoryRoot, path)))
            .Should().BeEmpty();
        var projects = Directory.EnumerateFiles(Path.Combine(DeploymentFiles.RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(DeploymentFiles.Relative);
        projects.Where(project => !copied.Contains(project)).Should().BeEmpty("the restore layer needs every project file");
    }

    [Fact]
    public void The_kustomization_lists_every_manifest_and_nothing_else()
    {
        var folder = Path.Combine(DeploymentFiles.Folder, "k8s");
        var listed = DeploymentFiles.Parse(Path.Combine(folder, "kustomization.yaml")).Single()!["resources"]!.AsArray().Select(r => (string)r!).ToArray();
        var manifests = Directory.EnumerateFiles(folder, "*.yaml").Select(Path.GetFileName).Where(name => name != "kustomization.yaml");

        listed.Should().BeEquivalentTo(manifests);
    }

    /// <summary>Whether every secret part of a compose value (the whole value, or a connection string's password) comes from ${…}.</summary>
    private static bool SecretsInterpolated(string? value)
    {
        if (value is null)
        {
            return false;
        }

        var password = PasswordPart().Match(value);
        return password.Success ? Interpolation().IsMatch(password.Groups["value"].Value) : WholeInterpolation().IsMatch(value);
    }

    /// <summary>Values with compose interpolations are checked with a placeholder in their place.</summary>
    private static string? Placeholder(string? value) => value is null ? null : Interpolation().Replace(value, "placeholder");

    [GeneratedRegex(@"\$\{(?<name>[A-Z0-9_]+)(?::?[?-][^}]*)?\}")]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"^\$\{[A-Z0-9_]+:\?[^}]*\}$")]
    private static partial Regex WholeInterpolation();

    [GeneratedRegex(@"[Pp]assword=(?<value>[^;,]*)")]
    private static partial Regex PasswordPart();
}

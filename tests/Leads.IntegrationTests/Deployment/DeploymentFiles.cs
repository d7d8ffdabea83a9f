using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Leads.IntegrationTests.Deployment;

/// <summary>A setting a deployment file gives the API: where it is written, the environment variable, its value (null when it comes from elsewhere, e.g. a secretKeyRef).</summary>
public sealed record ApiSetting(string Where, string Variable, string? Value)
{
    public override string ToString() => $"{Where}: {Variable}";
}

/// <summary>An HTTP probe of a deployment file (a Kubernetes startup, readiness or liveness probe).</summary>
public sealed record HttpProbe(string Where, string Path, string Port);

/// <summary>
/// Reads the files under deploy/: every YAML document (YamlDotNet; anchors and aliases resolved) and JSON file as
/// a <see cref="JsonNode"/>, and from them the settings given to the API's containers (docker compose services
/// built from deploy/Dockerfile, Kubernetes containers of the leads-api image and the ConfigMap and Secret they
/// load) and the HTTP probes.
/// </summary>
public static class DeploymentFiles
{
    public const string ApiImage = "leads-api";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Folder => Path.Combine(RepositoryRoot, "deploy");

    public static IReadOnlyList<string> StructuredFiles() => Directory
        .EnumerateFiles(Folder, "*", SearchOption.AllDirectories)
        .Where(path => Path.GetExtension(path) is ".yml" or ".yaml" or ".json")
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The documents of a YAML file (several, separated by ---) or the one of a JSON file.</summary>
    public static IReadOnlyList<JsonNode?> Parse(string path)
    {
        var text = File.ReadAllText(path);
        if (path.EndsWith(".json", StringComparison.Ordinal))
        {
            return [JsonNode.Parse(text)];
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Select(document => ToJson(document.RootNode)).ToArray();
    }

    public static string Relative(string path) => Path.GetRelativePath(RepositoryRoot, path);

    /// <summary>Every (file, document) pair of the structured files.</summary>
    public static IEnumerable<(string File, JsonObject Document)> Documents() =>
        StructuredFiles().SelectMany(file => Parse(file).OfType<JsonObject>().Select(document => (Relative(file), document)));

    /// <summary>Environment of the compose services that run the API image.</summary>
    public static IEnumerable<ApiSetting> ComposeSettings() =>
        from entry in Documents()
        where entry.Document["services"] is JsonObject
        from service in entry.Document["services"]!.AsObject()
        where RunsApi(service.Value)
        from setting in EnvironmentOf(service.Value!["environment"])
        select new ApiSetting($"{entry.File} service {service.Key}", setting.Key, setting.Value);

    /// <summary>Env entries of the API containers, and the data of the ConfigMaps and Secrets those containers load with envFrom.</summary>
    public static IEnumerable<ApiSetting> KubernetesSettings()
    {
        var documents = Documents().Where(d => d.Document["kind"] is not null).ToArray();
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (file, container) in ApiContainers(documents))
        {
            foreach (var env in Items(container["env"]))
            {
                yield return new ApiSetting($"{file} container {container["name"]}", (string)env!["name"]!, (string?)env["value"]);
            }

            foreach (var source in Items(container["envFrom"]))
            {
                foreach (var kind in new[] { "configMapRef", "secretRef" })
                {
                    if (source![kind]?["name"] is JsonNode name)
                    {
                        loaded.Add((kind == "secretRef" ? "Secret/" : "ConfigMap/") + (string)name!);
                    }
                }
            }
        }

        foreach (var (file, document) in documents.Where(d => loaded.Contains($"{d.Document["kind"]}/{d.Document["metadata"]?["name"]}")))
        {
            foreach (var data in new[] { "data", "stringData" }.Select(field => document[field]).OfType<JsonObject>())
            {
                foreach (var (variable, value) in data)
                {
                    yield return new ApiSetting($"{file} {document["kind"]} {document["metadata"]!["name"]}", variable, (string?)value);
                }
            }
        }
    }

    /// <summary>The names of the ConfigMaps and Secrets the API containers load with envFrom, with whether each exists under deploy/.</summary>
    public static IEnumerable<(string Reference, bool Exists)> EnvironmentSources()
    {
        var documents = Documents().Where(d => d.Document["kind"] is not null).ToArray();
        var defined = documents.Select(d => $"{d.Document["kind"]}/{d.Document["metadata"]?["name"]}").ToHashSet(StringComparer.Ordinal);
        return ApiContainers(documents)
            .SelectMany(c => Items(c.Container["envFrom"]))
            .SelectMany(source => new[] { ("ConfigMap/", source!["configMapRef"]), ("Secret/", source["secretRef"]) })
            .Where(pair => pair.Item2 is not null)
            .Select(pair => pair.Item1 + (string)pair.Item2!["name"]!)
            .Distinct()
            .Select(reference => (Reference: reference, Exists: defined.Contains(reference)));
    }

    /// <summary>The httpGet probes of the API containers, and the container ports they may name.</summary>
    public static IEnumerable<(HttpProbe Probe, IReadOnlyList<string> ContainerPorts)> KubernetesProbes()
    {
        var documents = Documents().Where(d => d.Document["kind"] is not null).ToArray();
        foreach (var (file, container) in ApiContainers(documents))
        {
            var ports = Items(container["ports"])
                .SelectMany(p => new[] { (string?)p!["name"], (string?)p["containerPort"] })
                .OfType<string>()
                .ToArray();
            foreach (var kind in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
            {
                if (container[kind]?["httpGet"] is JsonObject get)
                {
                    yield return (new HttpProbe($"{file} {container["name"]} {kind}", (string)get["path"]!, (string)get["port"]!), ports);
                }
            }
        }
    }

    /// <summary>Containers (of Deployments, Jobs, …) running the API image.</summary>
    public static IEnumerable<(string File, JsonObject Container)> ApiContainers(IEnumerable<(string File, JsonObject Document)> documents) =>
        from entry in documents
        let pod = entry.Document["spec"]?["template"]?["spec"]
        where pod is not null
        from container in Items(pod["containers"]).Concat(Items(pod["initContainers"]))
        where ((string?)container!["image"])?.StartsWith(ApiImage + ":", StringComparison.Ordinal) == true
        select (entry.File, container.AsObject());

    private static IEnumerable<JsonNode?> Items(JsonNode? node) => node is JsonArray array ? array : [];

    private static bool RunsApi(JsonNode? service) =>
        ((string?)service?["build"]?["dockerfile"])?.EndsWith("deploy/Dockerfile", StringComparison.Ordinal) == true
        || ((string?)service?["image"])?.StartsWith(ApiImage + ":", StringComparison.Ordinal) == true;

    /// <summary>A compose environment: a mapping, or a list of NAME=value.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> EnvironmentOf(JsonNode? environment) => environment switch
    {
        JsonObject map => map.Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value)),
        JsonArray list => list.Select(item => (string)item!).Select(item => item.Split('=', 2)).Select(parts => KeyValuePair.Create(parts[0], parts.Length > 1 ? parts[1] : null)),
        null => [],
        _ => throw new InvalidDataException("A compose environment is a mapping or a list."),
    };

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(pair => KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, ToJson(pair.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => scalar.Value is null ? null : JsonValue.Create(scalar.Value),
        _ => throw new InvalidDataException($"Unexpected YAML node {node.NodeType} at {node.Start}."),
    };

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Leads.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Leads.sln was not found above " + AppContext.BaseDirectory);
    }
}

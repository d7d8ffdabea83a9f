using System.IO.Compression;
using System.Net;
using Leads.IntegrationTests.Infrastructure;
using static Leads.IntegrationTests.Http.HttpCacheHeaders;
using static Leads.IntegrationTests.Http.LeadsApiCalls;

namespace Leads.IntegrationTests.Http;

/// <summary>Compression changes the bytes, never the validator: the ETag is weak, so one tag covers every encoding.</summary>
public sealed class CompressionTests(LeadsApiFactory factory) : ApiTestBase(factory)
{
    public static TheoryData<string, string> EncodedGets()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in new[] { "/api/static/config", "/api/leads/categories", "/api/leads?pageSize=5", "/api/leads/{id}", "/api/leads/summary" })
        {
            data.Add(path, "gzip");
            data.Add(path, "br");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EncodedGets))]
    public async Task Compressed_response_has_content_encoding_the_same_etag_and_the_same_content(string path, string encoding)
    {
        var client = await Factory.CreateSalesAClientAsync();
        var url = await ResolveAsync(client, path);
        var identity = await client.GetAsync(url);

        var compressed = await GetAsync(client, url, r => r.Headers.TryAddWithoutValidation("Accept-Encoding", encoding));

        compressed.StatusCode.Should().Be(HttpStatusCode.OK);
        Raw(compressed, "Content-Encoding").Should().Be(encoding);
        ETag(compressed).Should().Be(ETag(identity));
        CacheControl(compressed).Should().Be(CacheControl(identity));
        VaryFields(compressed).Should().ContainSingle(f => f.Equals("Accept-Encoding", StringComparison.OrdinalIgnoreCase));
        (await DecodeAsync(compressed, encoding)).Should().Be(await identity.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/static/config")]
    [InlineData("/api/leads/{id}")]
    public async Task Identity_or_no_accept_encoding_gets_no_content_encoding(string path)
    {
        var client = await Factory.CreateSalesAClientAsync();
        var url = await ResolveAsync(client, path);

        var plain = await client.GetAsync(url);
        var identity = await GetAsync(client, url, r => r.Headers.TryAddWithoutValidation("Accept-Encoding", "identity"));

        Raw(plain, "Content-Encoding").Should().BeNull();
        Raw(identity, "Content-Encoding").Should().BeNull();
        ETag(identity).Should().Be(ETag(plain));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task Tag_of_an_identity_response_revalidates_a_compressed_request(string encoding)
    {
        var client = await Factory.CreateSalesAClientAsync();
        var url = await ResolveAsync(client, "/api/leads/{id}");
        var identity = await client.GetAsync(url);

        var response = await GetAsync(client, url, r =>
        {
            r.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
            r.Headers.TryAddWithoutValidation("If-None-Match", ETag(identity)!);
        });

        response.StatusCode.Should().Be(HttpStatusCode.NotModified);
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    private static async Task<string> DecodeAsync(HttpResponseMessage response, string encoding)
    {
        await using var raw = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = encoding == "br"
            ? new BrotliStream(raw, CompressionMode.Decompress)
            : new GZipStream(raw, CompressionMode.Decompress);
        using var reader = new StreamReader(decoded);
        return await reader.ReadToEndAsync();
    }
}

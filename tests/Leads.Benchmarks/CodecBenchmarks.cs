using System.IO.Compression;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using K4os.Compression.LZ4;
using Leads.Application.Common.Serialization;

namespace Leads.Benchmarks;

/// <summary>
/// Which codec for large cache payloads: the cost that matters is decoding (every L2 hit) and the size kept
/// in Redis. Compares LZ4 (what the engine uses), Brotli (fastest level) and gzip (fastest) on a 100-lead page.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private byte[] _json = [];
    private byte[] _lz4 = [];
    private byte[] _brotli = [];
    private byte[] _gzip = [];

    [GlobalSetup]
    public void Setup()
    {
        _json = JsonSerializer.SerializeToUtf8Bytes(BenchmarkData.Page(100), LeadsJson.TypeInfo<Leads.Application.Common.Models.PagedResult<Leads.Application.Leads.Models.LeadDto>>());
        _lz4 = EncodeLz4();
        _brotli = EncodeBrotli();
        _gzip = EncodeGzip();
        Console.WriteLine($"// sizes: json={_json.Length} lz4={_lz4.Length} brotli={_brotli.Length} gzip={_gzip.Length}");
    }

    [Benchmark(Baseline = true)]
    public byte[] EncodeLz4()
    {
        var target = new byte[LZ4Codec.MaximumOutputSize(_json.Length)];
        var length = LZ4Codec.Encode(_json, target, LZ4Level.L00_FAST);
        return target.AsSpan(0, length).ToArray();
    }

    [Benchmark]
    public byte[] EncodeBrotli()
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Fastest))
        {
            brotli.Write(_json);
        }

        return output.ToArray();
    }

    [Benchmark]
    public byte[] EncodeGzip()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(_json);
        }

        return output.ToArray();
    }

    [Benchmark]
    public int DecodeLz4()
    {
        var target = new byte[_json.Length];
        return LZ4Codec.Decode(_lz4, target);
    }

    [Benchmark]
    public int DecodeBrotli()
    {
        var target = new byte[_json.Length];
        using var brotli = new BrotliStream(new MemoryStream(_brotli), CompressionMode.Decompress);
        var read = 0;
        int n;
        while ((n = brotli.Read(target, read, target.Length - read)) > 0)
        {
            read += n;
        }

        return read;
    }

    [Benchmark]
    public int DecodeGzip()
    {
        var target = new byte[_json.Length];
        using var gzip = new GZipStream(new MemoryStream(_gzip), CompressionMode.Decompress);
        var read = 0;
        int n;
        while ((n = gzip.Read(target, read, target.Length - read)) > 0)
        {
            read += n;
        }

        return read;
    }
}

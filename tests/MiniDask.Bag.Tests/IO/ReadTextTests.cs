using System.IO.Compression;
using System.Text;
using MiniDask.Graph;

namespace MiniDask.Bag.Tests.IO;

public sealed class ReadTextTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("minidask-bag-text-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void ReadText_SingleFile_MatchesFileReadLines()
    {
        var path = Write("a.txt", "first line\nsecond\r\n\nlast without newline");

        var lines = DBag.ReadText(path).Run();

        Assert.Equal(File.ReadLines(path), lines);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(1000)]
    [InlineData(1 << 20)]
    public void ReadText_Blocksize_SplitsAtLineBoundariesWithoutLosingLines(long blocksize)
    {
        var random = new Random(17);
        var expected = Enumerable.Range(0, 300).Select(i => new string((char)('a' + random.Next(26)), random.Next(0, 40)) + "é" + i).ToList();
        var text = string.Concat(expected.Select((l, i) => l + (i % 3 == 0 ? "\r\n" : "\n")));
        var path = Write("blocks.txt", text);

        var bag = DBag.ReadText(path, blocksize);

        Assert.Equal(Math.Max(1, (new FileInfo(path).Length + blocksize - 1) / blocksize), bag.PartitionCount);
        Assert.Equal(expected, bag.Run());
    }

    [Fact]
    public void ReadText_LongLines_LongerThanReadBuffer()
    {
        var lines = new[] { new string('x', 200_000), "short", new string('y', 70_000) };
        var path = Write("long.txt", string.Join('\n', lines) + "\n");

        Assert.Equal(lines, DBag.ReadText(path, blocksize: 50_000).Run());
        Assert.Equal(lines, DBag.ReadText(path).Run());
    }

    [Fact]
    public void ReadText_ByteOrderMark_IsSkipped()
    {
        var path = Path.Combine(directory, "bom.txt");
        File.WriteAllText(path, "héllo\nworld\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.Equal(["héllo", "world"], DBag.ReadText(path).Run());
        Assert.Equal(["héllo", "world"], DBag.ReadText(path, blocksize: 2).Run());
    }

    [Fact]
    public void ReadText_Glob_ReadsMatchingFilesInOrdinalOrder()
    {
        Write("b.txt", "b1\nb2\n");
        Write("a.txt", "a1\n");
        Write("c.log", "not me\n");
        Write("sub/d.txt", "nested\n");

        Assert.Equal(["a1", "b1", "b2"], DBag.ReadText(Path.Combine(directory, "*.txt")).Run());
        Assert.Equal(["a1", "b1", "b2", "nested"], DBag.ReadText(Path.Combine(directory, "**", "*.txt")).Run());
        Assert.Equal(["a1", "b1", "b2", "not me"], DBag.ReadText(directory).Run());
        Assert.Equal(["a1", "b1", "b2"], DBag.ReadText(Path.Combine(directory, "?.txt")).Run());
    }

    [Fact]
    public void ReadText_SeveralPaths_KeepsGivenOrder()
    {
        var a = Write("a.txt", "a\n");
        var b = Write("b.txt", "b\n");

        var bag = DBag.ReadText([b, a]);

        Assert.Equal(2, bag.PartitionCount);
        Assert.Equal(["b", "a"], bag.Run());
    }

    [Fact]
    public void ReadText_GzipFile_IsReadWholeEvenWithBlocksize()
    {
        var path = Path.Combine(directory, "z.txt.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes("one\ntwo\nthree\n"));
        }

        var bag = DBag.ReadText(path, blocksize: 4);

        Assert.Equal(1, bag.PartitionCount);
        Assert.Equal(["one", "two", "three"], bag.Run());
    }

    [Fact]
    public void ReadText_MissingFile_ThrowsNamingIt()
    {
        var path = Path.Combine(directory, "missing.txt");

        var e = Assert.Throws<FileNotFoundException>(() => DBag.ReadText(path));

        Assert.Contains("missing.txt", e.Message);
    }

    [Fact]
    public void ReadText_EmptyGlob_ThrowsNamingPattern()
    {
        var pattern = Path.Combine(directory, "*.csv");

        var e = Assert.Throws<FileNotFoundException>(() => DBag.ReadText(pattern));

        Assert.Contains("*.csv", e.Message);
    }

    [Fact]
    public void ReadText_FileDeletedBeforeCompute_FailsNamingIt()
    {
        var path = Write("gone.txt", "x\n");
        var bag = DBag.ReadText(path);
        File.Delete(path);

        var e = Assert.Throws<TaskFailedException>(() => bag.Run());

        Assert.IsType<FileNotFoundException>(e.InnerException);
        Assert.Contains("gone.txt", e.InnerException!.Message);
    }

    [Fact]
    public void ReadText_NonUtf8File_FailsNamingFileAndOffset()
    {
        var path = Path.Combine(directory, "latin1.txt");
        File.WriteAllBytes(path, [(byte)'o', (byte)'k', (byte)'\n', (byte)'c', 0xE9, (byte)'\n']);

        var e = Assert.Throws<TaskFailedException>(() => DBag.ReadText(path).Run());

        var inner = Assert.IsType<InvalidDataException>(e.InnerException);
        Assert.Contains("latin1.txt", inner.Message);
        Assert.Contains("byte 3", inner.Message);
    }

    [Fact]
    public void ReadText_CorruptGzip_FailsNamingFile()
    {
        var path = Write("bad.gz", "this is not gzip data");

        var e = Assert.Throws<TaskFailedException>(() => DBag.ReadText(path).Run());

        Assert.Contains("bad.gz", e.InnerException!.Message);
    }

    [Fact]
    public void ReadText_EmptyFile_GivesOneEmptyPartition()
    {
        var path = Write("empty.txt", "");

        var bag = DBag.ReadText(path, blocksize: 10);

        Assert.Equal(1, bag.PartitionCount);
        Assert.Empty(bag.Run());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}

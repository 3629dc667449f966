using MiniDask.Bag;
using MiniDask.Graph;

namespace MiniDask.Bag.Tests;

/// <summary>Shared inputs: each dataset exists both as an array (for LINQ) and as a bag.</summary>
internal static class TestData
{
    /// <summary>The reference scheduler every test computes with.</summary>
    public static readonly IScheduler Sync = new SyncScheduler();

    /// <summary>Names of the integer datasets, for theories.</summary>
    public static TheoryData<string> IntDatasets => ["empty", "single", "sparse", "random", "dupes"];

    /// <summary>Names of the word datasets, for theories.</summary>
    public static TheoryData<string> WordDatasets => ["empty", "sparse", "text"];

    /// <summary>An integer dataset and a bag of it. "empty" and "sparse" have empty partitions.</summary>
    public static (int[] Items, DBag<int> Bag) Ints(string name)
    {
        var (items, partitions) = name switch
        {
            "empty" => (Array.Empty<int>(), 3),
            "single" => ([5], 1),
            "sparse" => ([3, -1, 4, 1, 5], 8),
            "random" => (RandomInts(1000, seed: 42), 7),
            "dupes" => (RandomInts(500, seed: 7).Select(x => x % 13).ToArray(), 6),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such dataset"),
        };
        return (items, DBag.FromSequence(items, npartitions: partitions));
    }

    /// <summary>A dataset of lines of words and a bag of it.</summary>
    public static (string[] Lines, DBag<string> Bag) Words(string name)
    {
        var (lines, partitions) = name switch
        {
            "empty" => (Array.Empty<string>(), 2),
            "sparse" => (["a bb a", "ccc"], 5),
            "text" => (RandomLines(200, seed: 3), 6),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such dataset"),
        };
        return (lines, DBag.FromSequence(lines, npartitions: partitions));
    }

    /// <summary>People records, some sharing a city.</summary>
    public static Person[] People(int count, int seed)
    {
        var random = new Random(seed);
        string[] cities = ["Oslo", "Lima", "Pune", "Kobe", "Nice"];
        return [.. Enumerable.Range(0, count).Select(i => new Person($"p{i}", random.Next(18, 90), cities[random.Next(cities.Length)]))];
    }

    public static int[] RandomInts(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => random.Next(-1000, 1000))];
    }

    public static string[] RandomLines(int count, int seed)
    {
        var random = new Random(seed);
        string[] vocabulary = ["the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "a", "zebra"];
        return [.. Enumerable.Range(0, count).Select(_ =>
            string.Join(' ', Enumerable.Range(0, random.Next(0, 9)).Select(_ => vocabulary[random.Next(vocabulary.Length)])))];
    }

    public static List<T> Run<T>(this DBag<T> bag) => bag.Compute(Sync);

    public static T Run<T>(this DItem<T> item) => item.Compute(Sync);
}

/// <summary>A record element type for Pluck, Join, GroupBy and the codec.</summary>
public sealed record Person(string Name, int Age, string City);

// Counts the words in a folder of text files with a MiniDask bag and prints the most frequent.
//
//   dotnet run --project examples/WordCount -c Release -- <folder or glob> [top] [--blocksize BYTES]
//
// A folder means every *.txt file under it, at any depth. Words are runs of letters, digits and
// apostrophes, lower-cased.
using System.Diagnostics;
using MiniDask.Bag;
using MiniDask.Graph;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: WordCount <folder or glob> [top] [--blocksize BYTES]");
    return args.Length == 0 ? 2 : 0;
}

var source = Directory.Exists(args[0]) ? Path.Combine(args[0], "**", "*.txt") : args[0];
var top = args.Length > 1 && int.TryParse(args[1], out var k) ? k : 10;
var blockIndex = Array.IndexOf(args, "--blocksize");
long? blocksize = blockIndex >= 0 && blockIndex + 1 < args.Length ? long.Parse(args[blockIndex + 1]) : null;

DBag<string> lines;
try
{
    lines = DBag.ReadText(source, blocksize);
}
catch (FileNotFoundException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

var mostFrequent = lines.SelectMany(Words).Frequencies().TopK(top, pair => pair.Count);
var scheduler = DefaultScheduler();
var watch = Stopwatch.StartNew();
var result = mostFrequent.Compute(scheduler);
watch.Stop();

Console.WriteLine($"Top {result.Count} words of '{source}' ({lines.PartitionCount} partitions), {watch.ElapsedMilliseconds} ms on the {scheduler.Name} scheduler:");
foreach (var (word, count) in result)
{
    Console.WriteLine($"{count,12:N0}  {word}");
}

return 0;

static IEnumerable<string> Words(string line)
{
    var start = -1;
    for (var i = 0; i <= line.Length; i++)
    {
        var inWord = i < line.Length && (char.IsLetterOrDigit(line[i]) || line[i] == '\'');
        if (inWord && start < 0)
        {
            start = i;
        }
        else if (!inWord && start >= 0)
        {
            yield return line[start..i].ToLowerInvariant();
            start = -1;
        }
    }
}

// The local thread-pool scheduler, or the sequential one where no default scheduler is declared.
static IScheduler DefaultScheduler()
{
    try
    {
        return Schedulers.Default;
    }
    catch (InvalidOperationException)
    {
        return new SyncScheduler();
    }
}

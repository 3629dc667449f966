namespace MiniDask.Bag;

/// <summary>The names under which the bag registers its ops in <see cref="MiniDask.Graph.OpRegistry"/>.</summary>
internal static class OpNames
{
    public const string Literal = "bag-literal";
    public const string Range = "bag-range";
    public const string AsList = "bag-as-list";
    public const string Identity = "bag-identity";
    public const string Concat = "bag-concat";
    public const string Piece = "bag-piece";
    public const string Empty = "bag-empty";

    public const string Materialize = "bag-materialize";
    public const string MapPartitions = "bag-map-partitions";
    public const string Zip = "bag-zip";
    public const string ZipWith = "bag-zip-with";
    public const string JoinIndex = "bag-join-index";

    public const string CountChunk = "bag-count-chunk";
    public const string CountCombine = "bag-count-combine";
    public const string SumChunk = "bag-sum-chunk";
    public const string SumCombine = "bag-sum-combine";
    public const string ExtremeChunk = "bag-extreme-chunk";
    public const string ExtremeCombine = "bag-extreme-combine";
    public const string MomentsChunk = "bag-moments-chunk";
    public const string MomentsCombine = "bag-moments-combine";
    public const string AnyAllChunk = "bag-any-all-chunk";
    public const string AnyAllCombine = "bag-any-all-combine";
    public const string FoldChunk = "bag-fold-chunk";
    public const string FoldCombine = "bag-fold-combine";
    public const string ReduceChunk = "bag-reduce-chunk";
    public const string ReduceCombine = "bag-reduce-combine";

    public const string FrequenciesChunk = "bag-frequencies-chunk";
    public const string FrequenciesCombine = "bag-frequencies-combine";
    public const string FrequenciesFinish = "bag-frequencies-finish";
    public const string TopKChunk = "bag-topk-chunk";
    public const string TopKCombine = "bag-topk-combine";
    public const string DistinctChunk = "bag-distinct-chunk";
    public const string DistinctCombine = "bag-distinct-combine";
    public const string FoldByChunk = "bag-foldby-chunk";
    public const string FoldByCombine = "bag-foldby-combine";
    public const string FoldByFinish = "bag-foldby-finish";

    public const string ShuffleHash = "bag-shuffle-hash";
    public const string ShuffleSplit = "bag-shuffle-split";
    public const string ShuffleGet = "bag-shuffle-get";
    public const string GroupCollect = "bag-group-collect";

    public const string ReadText = "bag-read-text";
    public const string WriteText = "bag-write-text";
}

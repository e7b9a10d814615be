/**
 * Ranking models: {@link dev.linr.rank.RankerMlp} (an MLP over per-candidate features, with its
 * weight layout), {@link dev.linr.rank.RankerFeatures} (which features, in which order), {@link
 * dev.linr.rank.RankerDefinition}, and the writers of ranker archives for DJL Serving ({@link
 * dev.linr.rank.RankerArchiveBuilder}: ONNX for ONNX Runtime or TorchScript for PyTorch, served by
 * {@code dev.linr.rank.RankingServingTranslator}), the example ranker ({@link
 * dev.linr.rank.DemoRanker}), the reader of ranker archives ({@link
 * dev.linr.rank.RankerArchiveReader}) and the fused retrieval-and-ranking model ({@link
 * dev.linr.rank.FusedModelBuilder}, {@link dev.linr.rank.FusedMetadata}).
 */
package dev.linr.rank;

/**
 * Translators of ranking models: ranking requests (the query and the retrieval step's hits as
 * candidates) and their JSON ({@link dev.linr.rank.RankRequestParser}, {@link
 * dev.linr.rank.RankResponseWriter}), the typed {@link dev.linr.rank.RankingTranslator} and {@link
 * dev.linr.rank.RankingBatchTranslator}, the Input/Output {@link
 * dev.linr.rank.RankingServingTranslator} that ranker archives name, and the translators of the
 * fused retrieval-and-ranking model ({@link dev.linr.rank.FusedServingTranslator}, {@link
 * dev.linr.rank.FusedTranslator}, {@link dev.linr.rank.FusedBatchTranslator}).
 */
package dev.linr.rank;

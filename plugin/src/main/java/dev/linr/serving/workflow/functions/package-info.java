/**
 * Built-in workflow functions for retrieval then ranking: {@link
 * dev.linr.serving.workflow.functions.RetrievalQuery} makes the index request from the workflow
 * request, {@link dev.linr.serving.workflow.functions.RankInput} the ranker request from the
 * workflow request and the index's answer.
 */
package dev.linr.serving.workflow.functions;

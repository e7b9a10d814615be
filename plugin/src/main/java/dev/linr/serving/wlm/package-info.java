/**
 * The workload manager: loads model archives ({@link dev.linr.serving.wlm.ModelRegistry}), queues
 * each model version's jobs and runs them in dynamic batches on named worker threads. linr index
 * models and fused retrieval and ranking models answer a batch of jobs in one forward pass; other
 * models run through DJL's predictor with the serving translator their archive names.
 */
package dev.linr.serving.wlm;

/**
 * Workflows: DJL Serving's workflow JSON, which chains models and functions into one endpoint.
 * {@link dev.linr.serving.workflow.WorkflowParser} reads and validates a file into a {@link
 * dev.linr.serving.workflow.WorkflowDefinition}; {@link dev.linr.serving.workflow.WorkflowRegistry}
 * loads its models and functions and runs requests through it, asynchronously, evaluating each
 * variable that {@code out} needs once per request. Functions implement {@link
 * dev.linr.serving.workflow.WorkflowFunction}.
 */
package dev.linr.serving.workflow;

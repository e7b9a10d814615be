/**
 * DJL Serving's HTTP API on Netty. A request flows top to bottom: {@code RequestHandler} -> {@code
 * Router} -> {@code InferenceRoutes} / {@code ModelRoutes} / {@code WorkflowRoutes} -> registries
 * (asynchronously) -> {@code HttpResponses} -> {@code ResponseWriter}. {@code HttpInputs} maps HTTP
 * to DJL {@code Input} exactly as DJL Serving does; {@code ErrorResponses} is the one place that
 * maps failures to error JSON and status codes.
 */
package dev.linr.serving.http;

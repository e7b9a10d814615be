/**
 * The server configuration: {@link dev.linr.serving.config.ServerConfig} ({@code
 * config.properties}), load specs ({@link dev.linr.serving.config.LoadSpecs}) and the model store
 * scan ({@link dev.linr.serving.config.ModelStore}).
 */
package dev.linr.serving.config;

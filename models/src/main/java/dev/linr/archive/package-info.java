/**
 * DJL Serving model archives: the folder layout, {@code serving.properties}, and packing to and
 * unpacking from {@code .zip} and {@code .tar.gz}.
 */
package dev.linr.archive;

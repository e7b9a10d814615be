package dev.linr.rank;

import java.nio.file.Path;

/**
 * What a fused build produced.
 *
 * @param folder the archive folder
 * @param name the model name
 * @param modelBytes size of the TorchScript file
 */
public record FusedBuildResult(Path folder, String name, long modelBytes) {}

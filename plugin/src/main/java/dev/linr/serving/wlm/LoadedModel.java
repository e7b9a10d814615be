package dev.linr.serving.wlm;

/**
 * A model loaded and ready to serve, before its workers start.
 *
 * @param name the model name
 * @param engine {@code PyTorch} or {@code OnnxRuntime}
 * @param placement where it runs
 * @param settings its resolved settings
 * @param runner runs its batches; owned by whoever serves the model
 * @param archive its archive, whose unpacked copy must be deleted after the runner is closed
 */
record LoadedModel(
    String name,
    String engine,
    DevicePlacement placement,
    ModelSettings settings,
    BatchRunner runner,
    ModelArchive archive) {}

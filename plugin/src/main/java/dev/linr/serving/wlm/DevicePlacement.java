package dev.linr.serving.wlm;

import ai.djl.Device;
import dev.linr.serving.BadRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a model runs, from {@code load_on_devices}: {@code cpu}, {@code gpuN}, a {@code
 * ;}-separated list of GPUs ({@code gpu0;gpu1}), or {@code *} for every GPU of the host (the CPU
 * when it has none). Immutable.
 *
 * @param devices the devices, first one first; never empty
 */
record DevicePlacement(List<Device> devices) {
  private static final Pattern GPU = Pattern.compile("gpu([0-9]{1,4})");

  DevicePlacement {
    devices = List.copyOf(devices);
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("a placement needs at least one device");
    }
  }

  /** The device the model is loaded on. */
  Device first() {
    return devices.get(0);
  }

  /** {@code cpu} or {@code gpu}: which prefixed worker settings apply. */
  String deviceType() {
    return first().isGpu() ? "gpu" : "cpu";
  }

  /**
   * Parses {@code spec} and checks it against the host.
   *
   * @param gpuCount the GPUs the engine sees on this host
   * @throws BadRequestException if the text is malformed or names a GPU the host lacks; the message
   *     names the device and what the host has
   */
  static DevicePlacement parse(String spec, int gpuCount) {
    String text = spec.trim();
    if (text.equals("*")) {
      List<Device> all = new ArrayList<>();
      for (int i = 0; i < gpuCount; i++) {
        all.add(Device.gpu(i));
      }
      return new DevicePlacement(all.isEmpty() ? List.of(Device.cpu()) : all);
    }
    List<Device> out = new ArrayList<>();
    for (String part : text.split(";", -1)) {
      String p = part.trim();
      if (p.equals("cpu")) {
        out.add(Device.cpu());
        continue;
      }
      Matcher m = GPU.matcher(p);
      if (!m.matches()) {
        throw new BadRequestException(
            "load_on_devices has '" + p + "', not a device; valid: cpu, gpu0, gpu0;gpu1 or *");
      }
      int id = Integer.parseInt(m.group(1));
      if (id >= gpuCount) {
        throw new BadRequestException(
            "load_on_devices asks for "
                + p
                + " but this host has "
                + (gpuCount == 0
                    ? "no GPU (only cpu)"
                    : gpuCount + " GPU(s): gpu0" + (gpuCount > 1 ? "..gpu" + (gpuCount - 1) : "")));
      }
      Device d = Device.gpu(id);
      if (!out.contains(d)) {
        out.add(d);
      }
    }
    if (out.size() > 1 && out.contains(Device.cpu())) {
      throw new BadRequestException(
          "load_on_devices '" + text + "' mixes cpu and GPUs; give cpu or a list of GPUs");
    }
    return new DevicePlacement(out);
  }
}

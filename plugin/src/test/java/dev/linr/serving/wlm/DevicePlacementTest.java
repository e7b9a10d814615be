package dev.linr.serving.wlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import dev.linr.serving.BadRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevicePlacementTest {
  @Test
  void cpuIsTheCpu() {
    assertEquals(List.of(Device.cpu()), DevicePlacement.parse("cpu", 0).devices());
    assertEquals("cpu", DevicePlacement.parse("cpu", 2).deviceType());
  }

  @Test
  void starIsEveryGpuOrTheCpuWithoutOne() {
    assertEquals(List.of(Device.cpu()), DevicePlacement.parse("*", 0).devices());
    assertEquals(List.of(Device.gpu(0), Device.gpu(1)), DevicePlacement.parse("*", 2).devices());
  }

  @Test
  void gpuListKeepsItsOrderWithoutRepeats() {
    DevicePlacement p = DevicePlacement.parse("gpu1;gpu0;gpu1", 2);
    assertEquals(List.of(Device.gpu(1), Device.gpu(0)), p.devices());
    assertEquals(Device.gpu(1), p.first());
    assertEquals("gpu", p.deviceType());
  }

  @Test
  void gpuTheHostLacksNamesTheDeviceAndWhatTheHostHas() {
    assertEquals(
        "load_on_devices asks for gpu0 but this host has no GPU (only cpu)",
        assertThrows(BadRequestException.class, () -> DevicePlacement.parse("gpu0", 0))
            .getMessage());
    assertEquals(
        "load_on_devices asks for gpu2 but this host has 2 GPU(s): gpu0..gpu1",
        assertThrows(BadRequestException.class, () -> DevicePlacement.parse("gpu0;gpu2", 2))
            .getMessage());
  }

  @Test
  void unknownDeviceIsRejectedListingTheForms() {
    assertEquals(
        "load_on_devices has 'tpu0', not a device; valid: cpu, gpu0, gpu0;gpu1 or *",
        assertThrows(BadRequestException.class, () -> DevicePlacement.parse("tpu0", 1))
            .getMessage());
  }

  @Test
  void cpuAndGpusCannotBeMixed() {
    assertEquals(
        "load_on_devices 'cpu;gpu0' mixes cpu and GPUs; give cpu or a list of GPUs",
        assertThrows(BadRequestException.class, () -> DevicePlacement.parse("cpu;gpu0", 1))
            .getMessage());
  }
}

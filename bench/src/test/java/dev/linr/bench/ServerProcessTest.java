package dev.linr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerProcessTest {
  @Test
  void theServerRunsInItsOwnProcessAndExitsWhenClosed(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("config.properties");
    Files.writeString(
        config,
        "inference_address=http://127.0.0.1:0\nmanagement_address=http://127.0.0.1:0\n"
            + "load_models=NONE\n",
        StandardCharsets.UTF_8);
    long pid;
    ProcessHandle handle;
    try (ServerProcess server = ServerProcess.start(config, dir.resolve("server.log"))) {
      pid = server.pid();
      assertNotEquals(ProcessHandle.current().pid(), pid);
      handle = ProcessHandle.of(pid).orElseThrow();
      try (HttpLoad http = new HttpLoad(server.url())) {
        assertEquals(200, http.status("/ping"));
      }
    }
    assertFalse(handle.isAlive(), "server process " + pid + " still running after close");
  }

  @Test
  void aServerThatCannotStartIsAnErrorWithItsLog(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("config.properties");
    Files.writeString(config, "batch_size=1.7\n", StandardCharsets.UTF_8);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> ServerProcess.start(config, dir.resolve("server.log")));
    assertTrue(e.getMessage().startsWith("the server did not start"), e.getMessage());
    assertTrue(e.getMessage().contains("batch_size"), e.getMessage());
  }
}

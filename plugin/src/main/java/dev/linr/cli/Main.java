package dev.linr.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code linr} command line. */
@Command(
    name = "linr",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Exact filtered retrieval where the index is a TorchScript model run by DJL.",
    subcommands = {
      DemoCommand.class,
      BuildCommand.class,
      FuseCommand.class,
      QueryCommand.class,
      InspectCommand.class,
      ServeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests and embedding). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new CliErrors());
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

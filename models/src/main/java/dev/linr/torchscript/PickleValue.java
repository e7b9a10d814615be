package dev.linr.torchscript;

/** A value of a module attribute, as the opcodes that push it onto the unpickler's stack. */
@FunctionalInterface
interface PickleValue {
  void writeTo(PickleWriter pickle);
}

/**
 * A pure-Java writer for TorchScript module archives, the zip format that {@code torch.jit.save}
 * writes, loadable by libtorch (DJL) and by PyTorch's {@code torch.jit.load}.
 *
 * <p>{@link dev.linr.torchscript.TorchScriptArchiveWriter} streams tensors into 64-byte aligned,
 * uncompressed zip entries ({@link dev.linr.torchscript.ZipStreamWriter}) and pickles the module
 * object that refers to them; the caller supplies the class source in TorchScript's serialized
 * dialect. {@link dev.linr.torchscript.TorchScriptArchiveReader} locates entries of such an archive
 * so that their bytes can be read or memory-mapped.
 */
package dev.linr.torchscript;

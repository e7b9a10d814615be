/**
 * A small pure-Java writer of ONNX model files: a protocol buffer encoder ({@link
 * dev.linr.onnx.ProtoWriter}) and the few ONNX messages a feed-forward graph needs ({@link
 * dev.linr.onnx.OnnxModel}, {@link dev.linr.onnx.OnnxGraph}, {@link dev.linr.onnx.OnnxNode}, {@link
 * dev.linr.onnx.OnnxTensor}, {@link dev.linr.onnx.OnnxValueInfo}, {@link
 * dev.linr.onnx.OnnxAttribute}). Models are IR version 8 with operator set 13; initializers are
 * float32 or int64 {@code raw_data}. No protobuf library is involved.
 */
package dev.linr.onnx;

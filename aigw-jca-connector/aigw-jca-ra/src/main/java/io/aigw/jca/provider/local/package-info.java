/**
 * The provider adapter for in-process models: the all-MiniLM-L6-v2 sentence embedding model (quantized ONNX,
 * run by ONNX Runtime with DJL's tokenizer) served offline. The native-code libraries come from a server-level
 * library so that one class loader owns them for the server's life.
 */
package io.aigw.jca.provider.local;

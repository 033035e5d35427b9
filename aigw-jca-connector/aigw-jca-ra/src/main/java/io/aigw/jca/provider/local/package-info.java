/**
 * The provider adapter for in-process models: the all-MiniLM-L6-v2 sentence embedding model (quantized ONNX, run by
 * ONNX Runtime with DJL's tokenizer) and a GGUF chat model configured per connection factory (llama.cpp through
 * de.kherud:llama), both served offline. The GGUF model is loaded once per connection factory with one inference
 * slot per managed connection. The native-code libraries come from a server-level library so that one class loader
 * owns them for the server's life.
 */
package io.aigw.jca.provider.local;

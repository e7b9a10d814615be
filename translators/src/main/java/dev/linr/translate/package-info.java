/** DJL translators between search requests and the index model's tensors. */
package dev.linr.translate;

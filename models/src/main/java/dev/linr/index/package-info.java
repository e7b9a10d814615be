/**
 * The index model: its tensor layout, the TorchScript program that searches it, attribute
 * encodings, and the streaming builder that turns items into a model archive.
 */
package dev.linr.index;

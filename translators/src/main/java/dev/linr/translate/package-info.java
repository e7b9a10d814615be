/**
 * DJL translators between search requests and the index model: a typed {@link
 * dev.linr.translate.SearchTranslator}, a batch translator that runs many queries in one forward
 * pass, and {@link dev.linr.translate.IndexServingTranslator}, the Input/Output face that DJL
 * Serving loads from an archive's {@code libs/}.
 */
package dev.linr.translate;

/** The {@code linr} command line: build, query, inspect and demo. */
package dev.linr.cli;

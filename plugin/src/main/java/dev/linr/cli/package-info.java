/** The {@code linr} command line: build, query, inspect, demo and serve. */
package dev.linr.cli;

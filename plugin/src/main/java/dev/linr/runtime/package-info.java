/** Loads index archives on DJL's PyTorch engine and runs searches; owns every DJL engine call. */
package dev.linr.runtime;

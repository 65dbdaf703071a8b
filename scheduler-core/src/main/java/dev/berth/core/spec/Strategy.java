package dev.berth.core.spec;

/**
 * How the children of a plan or phase run. SERIAL: one after the other. PARALLEL: all at once.
 * CANARY: the first one, then wait for an operator's {@code continue}, then the rest one by one.
 */
public enum Strategy { SERIAL, PARALLEL, CANARY }

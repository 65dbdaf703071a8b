package dev.berth.core.spec;

/**
 * What a task is meant to do. RUNNING: run for ever, relaunched when it stops. FINISHED: run to a
 * successful exit, relaunched when it fails and run again on every deploy or update. ONCE: run to a
 * successful exit once in the service's life (an init job), never again after it succeeded.
 */
public enum GoalState { RUNNING, FINISHED, ONCE }

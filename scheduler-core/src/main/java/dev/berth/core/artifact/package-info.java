/**
 * Artifact resolution for tasks: a task names Maven artifacts such as
 * {@code maven:org.apache.kafka:kafka_2.13:4.1.0}; the agent resolves them, with their runtime
 * dependencies, through Maven Resolver into an artifact cache shared by all agents of one machine,
 * and hands the task its {@link dev.berth.core.artifact.Classpath}.
 *
 * <p>Why Maven Resolver and not HTTP by hand: it already knows the repository layout, POM
 * inheritance, dependency mediation, checksum verification, retries and cross-process locking of a
 * local repository. {@link dev.berth.core.artifact.ArtifactCache} is the entry point; the other
 * public types are values.
 */
package dev.berth.core.artifact;

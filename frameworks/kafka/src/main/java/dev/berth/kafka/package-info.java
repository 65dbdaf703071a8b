/** The Kafka package: spec, options, templates, readiness and safety checks. Built by the Kafka issue. */
package dev.berth.kafka;

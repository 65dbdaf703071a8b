/** The Cassandra package: spec, options, templates, readiness, replace, repair. Built by the Cassandra issue. */
package dev.berth.cassandra;

/**
 * Transport encryption for the database nodes Berth runs: the cluster's certificate authority and the
 * certificates it issues each node for its address. Pure values and crypto, no I/O: where the authority
 * is kept (the state store) and when a certificate is issued (at a task's launch) are the SDK's.
 */
package dev.berth.core.tls;

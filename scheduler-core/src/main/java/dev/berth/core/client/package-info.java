/**
 * The typed client of Berth's REST API, for the CLI and for programs: one method per endpoint
 * ({@link dev.berth.core.client.BerthClient} is the entry point), the protocol records as requests and
 * answers, every name percent-encoded in the URL, and the API's errors as typed exceptions. It reaches
 * the leading master through {@code dev.berth.core.http.JsonHttp}, which follows a standby to the leader.
 */
package dev.berth.core.client;

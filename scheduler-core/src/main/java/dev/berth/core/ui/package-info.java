/**
 * The web dashboard at {@code /ui}: server-rendered pages (Qute) of agents, services with their plan trees,
 * pods and tasks, reservations, volumes and events, kept live by htmx re-fetching fragments when the event
 * stream ({@code GET /v1/events}) names a change, and the plan controls. It reads and acts only through the
 * REST API's own resources, so the same code and the same access rules answer a browser and a client.
 */
package dev.berth.core.ui;

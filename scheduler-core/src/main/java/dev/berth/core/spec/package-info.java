/**
 * Service specs: what a package's {@code svc.yaml} becomes once rendered with a service's options.
 *
 * <p>{@link dev.berth.core.spec.SpecRenderer} renders the template (Mustache) and
 * {@link dev.berth.core.spec.SpecParser} reads it strictly into the {@link dev.berth.core.spec.ServiceSpec}
 * records; {@link dev.berth.core.spec.SpecUpdateValidator} says whether a new spec may replace the
 * current one; {@link dev.berth.core.spec.ConfigRenderer} and {@link dev.berth.core.spec.TemplateContext}
 * render config files at launch. Every refusal is a {@link dev.berth.core.spec.SpecException} listing
 * each {@link dev.berth.core.spec.Violation} with the field it is about.
 */
package dev.berth.core.spec;

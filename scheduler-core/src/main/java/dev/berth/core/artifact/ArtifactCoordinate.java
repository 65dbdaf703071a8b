package dev.berth.core.artifact;

import java.util.Objects;
import java.util.regex.Pattern;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;

/**
 * One Maven artifact a task asks for, written in a task spec as
 * {@code maven:GROUP:ARTIFACT:VERSION} or {@code maven:GROUP:ARTIFACT:EXTENSION[:CLASSIFIER]:VERSION}.
 *
 * <p>A value of its own (rather than resolver's {@code Artifact}) so that specs, checkpoints and
 * logs carry a small, validated, comparable thing that prints back in the same form it was
 * written. The version must be exact: ranges would make "a second task of the same version
 * resolves nothing again" meaningless.
 *
 * @param groupId    e.g. {@code org.apache.kafka}
 * @param artifactId e.g. {@code kafka_2.13}
 * @param extension  file extension, {@code jar} unless given
 * @param classifier empty unless given (never null)
 * @param version    exact version, e.g. {@code 4.1.0} or {@code 1.0-SNAPSHOT}
 */
public record ArtifactCoordinate(
        String groupId, String artifactId, String extension, String classifier, String version) {

    /** The scheme every coordinate text starts with. */
    public static final String SCHEME = "maven:";

    /** The accepted forms, quoted in every parse error. */
    public static final String ALLOWED_FORMS =
            "maven:GROUP:ARTIFACT:VERSION or maven:GROUP:ARTIFACT:EXTENSION[:CLASSIFIER]:VERSION";

    private static final String FIELD = "artifact";
    private static final String DEFAULT_EXTENSION = "jar";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.\\-+]+");

    public ArtifactCoordinate {
        Objects.requireNonNull(classifier, "classifier (use \"\" for none)");
        String problem = problem(groupId, artifactId, extension, classifier, version);
        if (problem != null) {
            throw new IllegalArgumentException(FIELD + ": " + problem + "; expected " + ALLOWED_FORMS);
        }
    }

    /** A plain jar without classifier. */
    public static ArtifactCoordinate jar(String groupId, String artifactId, String version) {
        return new ArtifactCoordinate(groupId, artifactId, DEFAULT_EXTENSION, "", version);
    }

    /**
     * Parses {@code maven:GROUP:ARTIFACT:VERSION} or
     * {@code maven:GROUP:ARTIFACT:EXTENSION[:CLASSIFIER]:VERSION}.
     *
     * @throws IllegalArgumentException naming the field ({@code artifact}), the value and the
     *     allowed forms
     */
    public static ArtifactCoordinate parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(text, "it is empty");
        }
        if (!text.startsWith(SCHEME)) {
            throw invalid(text, "it must start with '" + SCHEME + "'");
        }
        String[] parts = text.substring(SCHEME.length()).split(":", -1);
        String group;
        String artifact;
        String extension = DEFAULT_EXTENSION;
        String classifier = "";
        String version;
        switch (parts.length) {
            case 3 -> {
                group = parts[0];
                artifact = parts[1];
                version = parts[2];
            }
            case 4 -> {
                group = parts[0];
                artifact = parts[1];
                extension = parts[2];
                version = parts[3];
            }
            case 5 -> {
                group = parts[0];
                artifact = parts[1];
                extension = parts[2];
                classifier = parts[3];
                version = parts[4];
                if (classifier.isEmpty()) {
                    throw invalid(text, "the classifier is empty");
                }
            }
            default -> throw invalid(
                    text, "it has " + parts.length + " ':'-separated parts after '" + SCHEME
                            + "', expected 3 to 5");
        }
        String problem = problem(group, artifact, extension, classifier, version);
        if (problem != null) {
            throw invalid(text, problem);
        }
        return new ArtifactCoordinate(group, artifact, extension, classifier, version);
    }

    /** Same text as {@link #toString()}: parses back to an equal coordinate. */
    public String text() {
        StringBuilder sb = new StringBuilder(SCHEME).append(groupId).append(':').append(artifactId);
        if (!classifier.isEmpty()) {
            sb.append(':').append(extension).append(':').append(classifier);
        } else if (!DEFAULT_EXTENSION.equals(extension)) {
            sb.append(':').append(extension);
        }
        return sb.append(':').append(version).toString();
    }

    @Override
    public String toString() {
        return text();
    }

    /** The resolver's view of this coordinate. */
    Artifact toArtifact() {
        return new DefaultArtifact(groupId, artifactId, classifier, extension, version);
    }

    /** The coordinate of an artifact the resolver returned (exact version, e.g. a timestamped snapshot). */
    static ArtifactCoordinate of(Artifact artifact) {
        return new ArtifactCoordinate(
                artifact.getGroupId(),
                artifact.getArtifactId(),
                artifact.getExtension(),
                artifact.getClassifier(),
                artifact.getVersion());
    }

    /** The first thing wrong with these parts, or null when they form a valid coordinate. */
    private static String problem(
            String group, String artifact, String extension, String classifier, String version) {
        String problem = problem("group", group, NAME);
        if (problem == null) {
            problem = problem("artifact id", artifact, NAME);
        }
        if (problem == null) {
            problem = problem("extension", extension, NAME);
        }
        if (problem == null && !classifier.isEmpty()) {
            problem = problem("classifier", classifier, NAME);
        }
        if (problem == null) {
            problem = problem("version", version, VERSION);
        }
        return problem;
    }

    private static String problem(String part, String value, Pattern pattern) {
        if (value == null || value.isEmpty()) {
            return "the " + part + " is empty";
        }
        if (!pattern.matcher(value).matches()) {
            return "the " + part + " '" + value + "' may only contain letters, digits and "
                    + (pattern == VERSION ? "'_', '.', '-', '+'" : "'_', '.', '-'");
        }
        return null;
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException(
                FIELD + ": '" + text + "' is not a valid artifact coordinate (" + reason + "); expected "
                        + ALLOWED_FORMS);
    }
}

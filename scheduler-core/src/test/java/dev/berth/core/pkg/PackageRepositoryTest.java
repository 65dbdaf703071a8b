package dev.berth.core.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.spec.Violation;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageRepositoryTest {
    @TempDir
    Path dir;

    private Path write(String packageName, String file, String content) throws IOException {
        Path path = dir.resolve(packageName).resolve(file);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, content);
    }

    private void writeValidPackage(String name, String version) throws IOException {
        write(name, "package.yaml", "name: " + name + "\nversion: \"" + version + "\"\nhooks: org.example.Hooks\n");
        write(name, "svc.yaml", """
                name: {{service.name}}
                pods:
                  p:
                    count: 1
                    tasks:
                      t: {cmd: "cat x.conf", cpus: 0.1, memory: 8, configs: {x: {template: conf/x.mustache, dest: x.conf}}}
                """);
        write(name, "templates/conf/x.mustache", "x={{service.name}}\n");
    }

    private PackageRepository repository() {
        return PackageRepository.of(getClass().getClassLoader(), Optional.of(dir));
    }

    @Test
    void classpathHoldsHello() {
        Package hello = PackageRepository.classpath().get("hello");

        assertThat(hello.name()).isEqualTo("hello");
        assertThat(hello.version()).isEqualTo("1.0.0");
        assertThat(hello.description()).startsWith("A small service of shell tasks");
        assertThat(hello.templates()).containsOnlyKeys("hello.conf.mustache");
        assertThat(hello.hooksClass()).isEmpty();
        assertThat(hello.source()).isEqualTo("classpath:packages/hello");
        assertThat(hello.optionsSchema().at("/properties/hello/properties/count/default").asInt()).isEqualTo(3);
        assertThat(PackageRepository.classpath().list()).extracting(Package::name).contains("hello");
    }

    @Test
    void directoryPackagesAreListedBesideClasspathOnes() throws IOException {
        writeValidPackage("mine", "0.1");

        assertThat(repository().list()).extracting(Package::name).contains("hello", "mine");
        Package mine = repository().get("mine");
        assertThat(mine.hooksClass()).contains("org.example.Hooks");
        assertThat(mine.templates()).containsOnlyKeys("conf/x.mustache");
        assertThat(mine.schema().options()).isEmpty();
        assertThat(mine.render("svc-a", mine.defaults()).pods().get(0).tasks().get(0).configs().get(0).template())
                .isEqualTo("x={{service.name}}\n");
        assertThat(PackageRepository.load(dir.resolve("mine"))).isEqualTo(mine);
    }

    @Test
    void packagesAreFoundInJars() throws IOException {
        writeValidPackage("injar", "2.0");
        Path jar = dir.resolve("framework.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String entry : List.of("packages/", "packages/injar/", "packages/injar/templates/",
                    "packages/injar/templates/conf/")) {
                out.putNextEntry(new JarEntry(entry));
                out.closeEntry();
            }
            for (String file : List.of("package.yaml", "svc.yaml", "templates/conf/x.mustache")) {
                out.putNextEntry(new JarEntry("packages/injar/" + file));
                out.write(Files.readAllBytes(dir.resolve("injar").resolve(file)));
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            PackageRepository repository = PackageRepository.of(loader, Optional.empty());

            assertThat(repository.list()).extracting(Package::name).containsExactly("injar");
            Package injar = repository.get("injar");
            assertThat(injar.source()).isEqualTo("classpath:packages/injar");
            assertThat(injar.version()).isEqualTo("2.0");
            assertThat(injar.templates()).containsOnlyKeys("conf/x.mustache");
        }
    }

    @Test
    void directoryPackageReplacesClasspathPackageOfTheSameName() throws IOException {
        writeValidPackage("hello", "9.9");

        assertThat(repository().get("hello").version()).isEqualTo("9.9");
    }

    @Test
    void unknownPackageListsTheKnownOnes() {
        assertThatThrownBy(() -> PackageRepository.classpath().get("nope"))
                .isInstanceOf(PackageException.class)
                .hasMessageStartingWith("unknown package 'nope': package: 'nope' is not a package; packages: ")
                .hasMessageContaining("hello");
        assertThat(PackageRepository.classpath().find("nope")).isEmpty();
    }

    @Test
    void declaredSecretsAreReadWithTheirDescriptionsAndBadOnesNamed() throws IOException {
        writeValidPackage("db", "1.0");
        write("db", "package.yaml", "name: db\nversion: \"1.0\"\nsecrets:\n  admin_password: {description: the admin's}\n"
                + "  token:\n  store_key: {given: true}\n");
        assertThat(repository().get("db").secrets()).containsExactly(new SecretSpec("admin_password", "the admin's"),
                new SecretSpec("token", ""), new SecretSpec("store_key", "", true));

        write("db", "package.yaml", "name: db\nversion: \"1.0\"\nsecrets:\n  Admin-Password: {}\n  token: {size: 3}\n");
        assertThatThrownBy(() -> repository().get("db"))
                .isInstanceOf(PackageException.class)
                .satisfies(e -> assertThat(((PackageException) e).violations()).extracting(Violation::toString)
                        .containsExactly(
                                dir.resolve("db") + "/package.yaml: secrets.Admin-Password: 'Admin-Password' is not a valid "
                                        + "secret name; use lower-case letters, digits and '_', starting with a letter",
                                dir.resolve("db") + "/package.yaml: secrets.token.size: unknown field; known: description, given"));
    }

    @Test
    void brokenFilesAreNamedWithLineAndColumn() throws IOException {
        write("bad", "package.yaml", "name: other\nversion: 1.10\nauthor: me\n");
        write("bad", "options.json", "{\"type\": \"object\",\n \"properties\": {\"a\": }}");

        assertThatThrownBy(() -> repository().get("bad"))
                .isInstanceOf(PackageException.class)
                .satisfies(e -> assertThat(((PackageException) e).violations()).extracting(Violation::toString)
                        .containsExactly(
                                dir.resolve("bad") + "/package.yaml: author: unknown field; known: name, version, "
                                        + "description, hooks, secrets",
                                dir.resolve("bad") + "/package.yaml: version: write it in quotes (version: \"1.10\"); "
                                        + "unquoted, YAML reads it as the number 1.1",
                                dir.resolve("bad") + "/package.yaml: name: 'other' differs from its folder's name 'bad'",
                                dir.resolve("bad") + "/svc.yaml: missing; a package needs a service spec template",
                                dir.resolve("bad") + "/options.json: line 2, column 22: Unexpected character ('}' "
                                        + "(code 125)): expected a valid value (JSON String, Number, Array, Object or "
                                        + "token 'null', 'true' or 'false')"));
        assertThatThrownBy(() -> repository().list())
                .isInstanceOf(PackageException.class)
                .hasMessageStartingWith("broken packages (5 problems):");
    }
}
